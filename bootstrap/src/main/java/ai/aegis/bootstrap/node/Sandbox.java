package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.UnavailableException;
import java.util.Optional;

/**
 * Runs one program for one iteration, isolated from the host and from other executions. An
 * implementation must refuse to run anything rather than run it unconfined.
 */
public interface Sandbox {

    /**
     * Runs {@code run} to its end, its time limit, or {@code cancellation}, whichever comes first;
     * in the last two cases every process of the run is killed before this returns.
     *
     * @throws UnavailableException {@code sandbox.unavailable} when the sandbox cannot confine code here
     */
    SandboxResult run(SandboxRun run, CancellationSignal cancellation);

    /** Why this sandbox cannot run code on this machine, or empty when it can. */
    Optional<String> unavailableReason();
}
