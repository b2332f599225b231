package ai.aegis.domain.iteration;

import ai.aegis.domain.execution.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution's iteration history as the Transparent Iteration Panel shows it: the events that were
 * stored for it, ended by the event of its final status once it has one.
 *
 * <p>The final event is stored only when it says more than the record does (an outcome with a
 * detail, such as why the agent failed). Otherwise it is derived from the execution itself: a
 * cascade that cancels 10,000 members writes each member's status once, and each member's
 * "cancelled" event is that status read back, so the two can never disagree and the cascade does
 * not write 10,000 event rows.
 *
 * <p>Invariants: an active execution's history is exactly its stored events; an ended execution's
 * history ends with exactly one final event ({@link IterationEventKind#isFinal()}).
 */
public final class IterationHistory {

    private IterationHistory() {
    }

    /** {@code stored} (in stored order), followed by the derived final event when one is due. */
    public static List<IterationEvent> of(Execution execution, List<IterationEvent> stored) {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(stored, "stored");
        Optional<IterationEvent> last = stored.isEmpty() ? Optional.empty() : Optional.of(stored.get(stored.size() - 1));
        if (!execution.status().isTerminal() || last.map(event -> event.kind().isFinal()).orElse(false)) {
            return List.copyOf(stored);
        }
        List<IterationEvent> history = new ArrayList<>(stored.size() + 1);
        history.addAll(stored);
        history.add(finalEventOf(execution));
        return List.copyOf(history);
    }

    /**
     * The event an ended execution's status tells on its own: its kind follows the status, at the
     * iteration it reached, at the moment the status was written, without detail.
     */
    public static IterationEvent finalEventOf(Execution ended) {
        Objects.requireNonNull(ended, "ended");
        return IterationEvent.of(ended.id(), kindOf(ended), ended.iterationCount(), ended.maxIterations(),
                ended.updatedAt(), null);
    }

    private static IterationEventKind kindOf(Execution ended) {
        switch (ended.status()) {
            case COMPLETED:
                return IterationEventKind.COMPLETED;
            case FAILED:
                return IterationEventKind.FAILED;
            case CANCELLED:
                return IterationEventKind.CANCELLED;
            case TIMED_OUT:
                return IterationEventKind.TIMED_OUT;
            default:
                throw new IllegalArgumentException("execution " + ended.id() + " is " + ended.status().displayName()
                        + ", so it has no final event yet");
        }
    }
}
