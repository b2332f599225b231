package ai.aegis.application.port.in;

/**
 * Restart reconciliation: a node that starts again has lost whatever it was running, so its
 * leases are handled by the dead-node rule at once rather than after they expire.
 */
public interface ReleaseNodeLeasesUseCase {

    LostLeases release(ReleaseNodeLeasesCommand command);
}
