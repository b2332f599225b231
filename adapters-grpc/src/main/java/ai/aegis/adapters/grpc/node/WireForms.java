package ai.aegis.adapters.grpc.node;

import ai.aegis.adapters.grpc.ProtoMapper;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.proto.v1.ExecutionEvent;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Wire ↔ node-side values, over the adapter's one {@link ProtoMapper}. */
final class WireForms {

    private WireForms() {
    }

    static Timestamp timestamp(Instant instant) {
        return ProtoMapper.timestamp(instant);
    }

    static ai.aegis.proto.v1.SecurityContext context(SecurityContext context) {
        return ProtoMapper.context(context);
    }

    static NodeExecution execution(ai.aegis.proto.v1.Execution wire) {
        return new NodeExecution(ExecutionId.of(wire.getId()), TenantId.of(wire.getTenantId()), ExecutionId.of(wire.getRootId()),
                wire.getParentId().isEmpty() ? Optional.empty() : Optional.of(ExecutionId.of(wire.getParentId())),
                wire.getDepth(), ProtoMapper.status(wire.getStatus()), ProtoMapper.context(wire.getSecurityContext()),
                ProtoMapper.instant(wire.getDeadline()), wire.getMemoryBytes(), wire.getMaxIterations(),
                wire.getIterationCount());
    }

    static List<NodeExecutionEvent> events(ExecutionEvent event) {
        List<NodeExecutionEvent> events = new ArrayList<>();
        if (event.hasSnapshot()) {
            for (ai.aegis.proto.v1.Execution member : event.getSnapshot().getExecutionsList()) {
                events.add(new NodeExecutionEvent(ExecutionId.of(member.getId()),
                        Optional.of(ProtoMapper.status(member.getStatus())), Optional.empty(),
                        ProtoMapper.instant(member.getUpdatedAt())));
            }
        } else if (event.hasStatus()) {
            events.add(new NodeExecutionEvent(ExecutionId.of(event.getStatus().getExecutionId()),
                    Optional.of(ProtoMapper.status(event.getStatus().getTo())), Optional.empty(),
                    ProtoMapper.instant(event.getStatus().getAt())));
        } else if (event.hasIteration()) {
            events.add(new NodeExecutionEvent(ExecutionId.of(event.getIteration().getExecutionId()), Optional.empty(),
                    Optional.of(event.getIteration().getSentence()), ProtoMapper.instant(event.getIteration().getAt())));
        }
        return events;
    }
}
