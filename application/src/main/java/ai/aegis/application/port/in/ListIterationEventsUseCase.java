package ai.aegis.application.port.in;

import ai.aegis.domain.iteration.IterationEvent;
import java.util.List;

/**
 * What the Transparent Iteration Panel shows after the fact ({@code *.logs}): the sentences in the
 * order they happened. Same visibility as {@link GetExecutionUseCase}.
 */
public interface ListIterationEventsUseCase {

    List<IterationEvent> list(ListIterationEventsQuery query);
}
