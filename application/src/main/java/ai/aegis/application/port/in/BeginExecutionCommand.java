package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import java.util.Objects;

/**
 * The lease holder starts (or continues) running an execution and asks for a SEAL token for the
 * agent key it will sign envelopes with. Also used to refresh a token before it expires.
 */
public record BeginExecutionCommand(NodeId nodeId, ExecutionId executionId, SealAgentKey agentKey) {

    public BeginExecutionCommand {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(agentKey, "agentKey");
    }
}
