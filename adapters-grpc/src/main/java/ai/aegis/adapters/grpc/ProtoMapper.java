package ai.aegis.adapters.grpc;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.security.AbsolutePath;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.DomainName;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import ai.aegis.proto.v1.GetExecutionTreeResponse;
import ai.aegis.proto.v1.IterationKind;
import ai.aegis.proto.v1.IterationSentence;
import ai.aegis.proto.v1.StatusChange;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Domain ↔ wire types of {@code aegis.v1}; the only place that knows both (the node client uses it too). */
public final class ProtoMapper {

    private ProtoMapper() {
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static ExecutionId executionId(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("execution.id_missing", "the request names no execution");
        }
        return ExecutionId.of(value);
    }

    public static ai.aegis.proto.v1.ExecutionStatus status(ExecutionStatus status) {
        switch (status) {
            case PENDING:
                return ai.aegis.proto.v1.ExecutionStatus.EXECUTION_STATUS_PENDING;
            case RUNNING:
                return ai.aegis.proto.v1.ExecutionStatus.EXECUTION_STATUS_RUNNING;
            case COMPLETED:
                return ai.aegis.proto.v1.ExecutionStatus.EXECUTION_STATUS_COMPLETED;
            case FAILED:
                return ai.aegis.proto.v1.ExecutionStatus.EXECUTION_STATUS_FAILED;
            case CANCELLED:
                return ai.aegis.proto.v1.ExecutionStatus.EXECUTION_STATUS_CANCELLED;
            case TIMED_OUT:
                return ai.aegis.proto.v1.ExecutionStatus.EXECUTION_STATUS_TIMED_OUT;
            default:
                throw new IllegalStateException("unmapped status " + status);
        }
    }

    public static ExecutionStatus status(ai.aegis.proto.v1.ExecutionStatus status) {
        for (ExecutionStatus candidate : ExecutionStatus.values()) {
            if (status(candidate) == status) {
                return candidate;
            }
        }
        throw new InvalidInputException("execution.status_invalid", "unknown execution status " + status);
    }

    static IterationKind kind(IterationEventKind kind) {
        return IterationKind.valueOf("ITERATION_KIND_" + kind.name());
    }

    static IterationEventKind kind(IterationKind kind) {
        if (kind == IterationKind.ITERATION_KIND_UNSPECIFIED || kind == IterationKind.UNRECOGNIZED) {
            throw new InvalidInputException("iteration.kind_missing", "say what kind of iteration step this is");
        }
        return IterationEventKind.valueOf(kind.name().substring("ITERATION_KIND_".length()));
    }

    static ai.aegis.proto.v1.Execution execution(Execution execution) {
        return ai.aegis.proto.v1.Execution.newBuilder()
                .setId(execution.id().value())
                .setTenantId(execution.tenantId().value())
                .setConversationId(execution.conversationId().value())
                .setRootId(execution.rootId().value())
                .setParentId(execution.parentId().map(ExecutionId::value).orElse(""))
                .setDepth(execution.depth())
                .setStatus(status(execution.status()))
                .setSecurityContext(context(execution.securityContext()))
                .setDeadline(timestamp(execution.deadline()))
                .setMemoryBytes(execution.memoryBytes())
                .setMaxIterations(execution.maxIterations())
                .setIterationCount(execution.iterationCount())
                .setCreatedAt(timestamp(execution.createdAt()))
                .setUpdatedAt(timestamp(execution.updatedAt()))
                .build();
    }

    static List<ai.aegis.proto.v1.Execution> executions(List<Execution> executions) {
        List<ai.aegis.proto.v1.Execution> mapped = new ArrayList<>();
        executions.forEach(execution -> mapped.add(execution(execution)));
        return mapped;
    }

    static GetExecutionTreeResponse tree(ExecutionTree tree) {
        return GetExecutionTreeResponse.newBuilder()
                .setRootId(tree.root().id().value())
                .addAllExecutions(executions(tree.executions()))
                .build();
    }

    public static ai.aegis.proto.v1.ExecutionOutput output(ExecutionOutput output) {
        return ai.aegis.proto.v1.ExecutionOutput.newBuilder().setStdout(output.stdout()).setStderr(output.stderr())
                .setExitCode(output.exitCode()).setTruncated(output.truncated()).addAllFiles(output.files())
                .putAllTexts(output.texts()).build();
    }

    /** The output a node reported, cut to the service's limits. */
    public static ExecutionOutput output(ai.aegis.proto.v1.ExecutionOutput wire) {
        return ExecutionOutput.of(wire.getStdout(), wire.getStderr(), wire.getExitCode(), wire.getTruncated(),
                wire.getFilesList(), wire.getTextsMap());
    }

    /** The wire form of a task; absent optional fields stay unset. */
    public static ai.aegis.proto.v1.Task task(TaskSpec task) {
        ai.aegis.proto.v1.Task.Builder wire = ai.aegis.proto.v1.Task.newBuilder().setInstructions(task.instructions());
        task.code().ifPresent(wire::setCode);
        task.runtime().ifPresent(wire::setRuntime);
        task.expectedOutput().ifPresent(wire::setExpectedOutput);
        task.expectedExitCode().ifPresent(wire::setExpectedExitCode);
        task.agent().ifPresent(wire::setAgent);
        task.input().ifPresent(wire::setInput);
        return wire.build();
    }

    /**
     * The task a wire message describes.
     *
     * @throws ai.aegis.domain.error.InvalidInputException naming what is wrong with it (no instructions, code
     *         without a runtime, text too long, exit code out of range)
     */
    public static TaskSpec task(ai.aegis.proto.v1.Task wire) {
        return new TaskSpec(wire.getInstructions(), wire.hasCode() ? Optional.of(wire.getCode()) : Optional.empty(),
                wire.hasRuntime() ? Optional.of(wire.getRuntime()) : Optional.empty(),
                wire.hasExpectedOutput() ? Optional.of(wire.getExpectedOutput()) : Optional.empty(),
                wire.hasExpectedExitCode() ? Optional.of(wire.getExpectedExitCode()) : Optional.empty(),
                wire.hasAgent() ? Optional.of(wire.getAgent()) : Optional.empty(),
                wire.hasInput() ? Optional.of(wire.getInput()) : Optional.empty());
    }

    public static ai.aegis.proto.v1.SecurityContext context(SecurityContext context) {
        ai.aegis.proto.v1.SecurityContext.Builder builder = ai.aegis.proto.v1.SecurityContext.newBuilder()
                .setName(context.name().value());
        for (Capability capability : context.capabilities()) {
            ai.aegis.proto.v1.Capability.Builder c = ai.aegis.proto.v1.Capability.newBuilder()
                    .setToolPattern(capability.toolPattern().value());
            capability.pathAllowlist().ifPresent(paths -> {
                c.setHasPathAllowlist(true);
                paths.forEach(path -> c.addPathAllowlist(path.value()));
            });
            capability.commandAllowlist().ifPresent(commands -> {
                c.setHasCommandAllowlist(true);
                c.addAllCommandAllowlist(commands);
            });
            capability.domainAllowlist().ifPresent(domains -> {
                c.setHasDomainAllowlist(true);
                domains.forEach(domain -> c.addDomainAllowlist(domain.value()));
            });
            capability.maxResponseSize().ifPresent(c::setMaxResponseSize);
            builder.addCapabilities(c);
        }
        context.denyList().forEach(pattern -> builder.addDenyList(pattern.value()));
        return builder.build();
    }

    public static SecurityContext context(ai.aegis.proto.v1.SecurityContext wire) {
        List<Capability> capabilities = new ArrayList<>();
        for (ai.aegis.proto.v1.Capability c : wire.getCapabilitiesList()) {
            Optional<List<AbsolutePath>> paths = Optional.empty();
            if (c.getHasPathAllowlist()) {
                List<AbsolutePath> parsed = new ArrayList<>();
                c.getPathAllowlistList().forEach(path -> parsed.add(AbsolutePath.parse(path)));
                paths = Optional.of(parsed);
            }
            Optional<List<String>> commands = c.getHasCommandAllowlist()
                    ? Optional.of(List.copyOf(c.getCommandAllowlistList())) : Optional.empty();
            Optional<List<DomainName>> domains = Optional.empty();
            if (c.getHasDomainAllowlist()) {
                List<DomainName> parsed = new ArrayList<>();
                c.getDomainAllowlistList().forEach(domain -> parsed.add(DomainName.parse(domain)));
                domains = Optional.of(parsed);
            }
            OptionalLong maxResponse = c.hasMaxResponseSize() ? OptionalLong.of(c.getMaxResponseSize()) : OptionalLong.empty();
            capabilities.add(new Capability(ToolPattern.of(c.getToolPattern()), paths, commands, domains, maxResponse));
        }
        List<ToolPattern> deny = new ArrayList<>();
        wire.getDenyListList().forEach(pattern -> deny.add(ToolPattern.of(pattern)));
        return SecurityContext.of(new SecurityContextName(wire.getName()), capabilities, deny);
    }

    static IterationSentence iteration(IterationEvent event) {
        return IterationSentence.newBuilder()
                .setExecutionId(event.executionId().value())
                .setKind(kind(event.kind()))
                .setIteration(event.iteration())
                .setMaxIterations(event.maxIterations())
                .setSentence(event.sentence())
                .setAt(timestamp(event.at()))
                .build();
    }

    static StatusChange statusChange(ExecutionStatusChange change) {
        StatusChange.Builder builder = StatusChange.newBuilder()
                .setExecutionId(change.executionId().value())
                .setRootId(change.rootId().value())
                .setTo(status(change.to()))
                .setAt(timestamp(change.at()));
        change.from().ifPresent(from -> builder.setFrom(status(from)));
        return builder.build();
    }

    static ai.aegis.proto.v1.ExecutionEvent event(ai.aegis.domain.event.ExecutionEvent event) {
        if (event instanceof ai.aegis.domain.event.ExecutionEvent.StatusChanged status) {
            return ai.aegis.proto.v1.ExecutionEvent.newBuilder().setStatus(statusChange(status.change())).build();
        }
        ai.aegis.domain.event.ExecutionEvent.IterationReported iteration =
                (ai.aegis.domain.event.ExecutionEvent.IterationReported) event;
        return ai.aegis.proto.v1.ExecutionEvent.newBuilder().setIteration(iteration(iteration.event())).build();
    }
}
