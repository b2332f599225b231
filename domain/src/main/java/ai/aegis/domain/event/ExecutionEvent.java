package ai.aegis.domain.event;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.Objects;

/**
 * Something a watcher of an execution tree is told: an execution entered a status, or an
 * iteration was reported (with its plain-English sentence). Every event names its tenant, so a
 * fan-out can never hand one tenant's event to another tenant's watcher by mistake.
 */
public sealed interface ExecutionEvent permits ExecutionEvent.StatusChanged, ExecutionEvent.IterationReported {

    TenantId tenantId();

    ExecutionId executionId();

    /** An execution was created or moved to another status. */
    record StatusChanged(ExecutionStatusChange change) implements ExecutionEvent {

        public StatusChanged {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public TenantId tenantId() {
            return change.tenantId();
        }

        @Override
        public ExecutionId executionId() {
            return change.executionId();
        }
    }

    /** An iteration event of one execution. */
    record IterationReported(TenantId tenantId, IterationEvent event) implements ExecutionEvent {

        public IterationReported {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(event, "event");
        }

        @Override
        public ExecutionId executionId() {
            return event.executionId();
        }
    }
}
