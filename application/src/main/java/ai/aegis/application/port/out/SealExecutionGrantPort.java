package ai.aegis.application.port.out;

import ai.aegis.domain.seal.SealExecutionGrant;
import java.util.Optional;

/**
 * Reads, from the execution record and its root's owner, what a SEAL token for a running execution
 * may say. Implemented over the execution tree; empty when the execution does not exist or is not
 * running (pending, or already completed, failed, cancelled or timed out).
 */
public interface SealExecutionGrantPort {

    Optional<SealExecutionGrant> findRunning(String executionId);
}
