package ai.aegis.application.port.in;

/**
 * The dead-node policy, run by a sweeper: every lease whose node stopped heartbeating is lost.
 * A claimed execution that had not started goes back to the queue for another node; a running one
 * is failed with the sentence "the machine running it stopped responding" (its children are
 * cancelled with it, as when any parent fails).
 */
public interface ExpireNodeLeasesUseCase {

    LostLeases expire(ExpireNodeLeasesCommand command);
}
