package ai.aegis.bootstrap.node;

import ai.aegis.domain.execution.ExecutionId;

/**
 * The seam through which an agent running on this node calls platform tools ({@code fs.*} limited
 * to {@code /workspace}, {@code cmd.run}, {@code web.search}, {@code web.fetch}, the aegis read and
 * execution tools) so that exactly the same SEAL policy applies as on a remote node: the
 * implementation wraps the MCP {@code tools/call} message in a SEAL envelope signed with the agent
 * key bound at attestation, sends it with the execution's security token, and returns what the
 * service answered (the service verifies token, signature, freshness, nonce, context policy and
 * rate limit before anything runs).
 *
 * <p>{@link SealSignedToolCalls} implements it over gRPC; {@link SandboxToolSocket} hands it to the
 * sandboxed program. The iteration loop does not call tools itself: the program it runs works on
 * {@code /workspace} inside the sandbox, which the sandbox confines physically; any tool the program
 * asks the node for goes through this channel and never around it.
 */
public interface SealToolChannel {

    /**
     * Calls {@code toolName} with {@code argumentsJson} (a JSON object) on behalf of {@code executionId}.
     *
     * @return the tool's result as JSON text
     * @throws ai.aegis.domain.error.DomainException the service's refusal (access denied, limit, unavailable…)
     */
    String call(ExecutionId executionId, String toolName, String argumentsJson);
}
