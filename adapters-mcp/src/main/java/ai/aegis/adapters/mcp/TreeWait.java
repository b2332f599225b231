package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.port.in.WatchExecutionEventsQuery;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.domain.event.ExecutionEvent;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The waiting loop behind {@code aegis.task.wait} and {@code aegis.workflow.wait}: watches an
 * execution tree, sends each iteration sentence of the tree as MCP progress, re-reads what it
 * waits for when a relevant status change arrives (and every {@value #RECHECK_MILLIS} ms, in case
 * an event was missed), and runs the caller's cancellation when the client cancels the call.
 */
final class TreeWait {

    /** How often a wait re-reads the stored status, in case an event was missed (another instance, a reconnect). */
    private static final long RECHECK_MILLIS = 2_000;
    private static final Object CANCELLED_BY_CLIENT = new Object();
    private static final Object EVENTS_BUFFERED = new Object();
    /** How long a finished wait waits for the execution's closing sentence before answering without it. */
    private static final long CLOSING_SENTENCE_MILLIS = 500;

    /** What a wait waits for. */
    interface Target {

        /** Re-reads what is waited for; true when the wait is over. */
        boolean settled();

        /** True when this status change may end the wait, so the target is re-read. */
        boolean concerns(ExecutionStatusChange change);

        /** Once settled: the execution whose closing sentence ("Completed in 3 attempts.") the client should still get. */
        Optional<ExecutionId> closingSentenceOf();
    }

    private final WatchExecutionEventsUseCase watch;
    private final McpInFlightCalls inFlight;

    TreeWait(WatchExecutionEventsUseCase watch, McpInFlightCalls inFlight) {
        this.watch = Objects.requireNonNull(watch, "watch");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
    }

    /**
     * Waits at most {@code seconds} for {@code target} to settle, watching the tree of
     * {@code watched}. {@code cancelByClient} runs when the client cancels this call; the wait then
     * ends after re-reading the target. The caller reads the final state itself afterwards.
     *
     * @return how many progress notifications were sent (a caller sending more continues from there)
     */
    int await(ToolCall call, ExecutionId watched, int seconds, Target target, Runnable cancelByClient) {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        int progress = 0;
        Runnable cancelled = () -> {
            try {
                cancelByClient.run();
            } finally {
                events.add(CANCELLED_BY_CLIENT);
            }
        };
        try (ExecutionWatch subscription = watch.watch(new WatchExecutionEventsQuery(call.caller().identity(), watched,
                WatchExecutionEventsQuery.DEFAULT_BUFFER, () -> events.add(EVENTS_BUFFERED)));
             McpInFlightCalls.Registration registration = call.requestId()
                     .map(requestId -> inFlight.register(call.exchange().sessionId(), requestId, cancelled))
                     .orElse(() -> { })) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            boolean settled = false;
            boolean cancelledByClient = false;
            while (!settled && !cancelledByClient) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                Object event = next(events, subscription, Math.min(remaining, RECHECK_MILLIS));
                if (event instanceof IterationEvent iteration) {
                    progress++;
                    call.progress(progress, iteration.sentence());
                } else if (event == CANCELLED_BY_CLIENT) {
                    cancelledByClient = true;
                    settled = target.settled();
                } else if (event == null || event instanceof ExecutionStatusChange change && target.concerns(change)) {
                    settled = target.settled();
                }
            }
            if (settled) {
                Optional<ExecutionId> closing = target.closingSentenceOf();
                if (closing.isPresent()) {
                    progress = sendClosingSentences(call, closing.get(), events, subscription, progress);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return progress;
    }

    /**
     * The next thing the wait reacts to: a buffered execution event (an {@link IterationEvent} or an
     * {@link ExecutionStatusChange}), the client's cancellation, or {@code null} when nothing came in
     * {@code millis}. The watch's signal only says "events are buffered"; they are drained here, on
     * the waiting thread, so the publisher never waits for this caller.
     */
    private static Object next(BlockingQueue<Object> events, ExecutionWatch subscription, long millis)
            throws InterruptedException {
        Optional<ExecutionEvent> buffered = subscription.poll();
        if (buffered.isEmpty()) {
            Object signal = events.poll(millis, TimeUnit.MILLISECONDS);
            if (signal != EVENTS_BUFFERED) {
                return signal;
            }
            buffered = subscription.poll();
            if (buffered.isEmpty()) {
                return null;
            }
        }
        ExecutionEvent event = buffered.get();
        if (event instanceof ExecutionEvent.IterationReported iteration) {
            return iteration.event();
        }
        return ((ExecutionEvent.StatusChanged) event).change();
    }

    /**
     * The status change that ends an execution is published just before its closing sentence
     * ("Completed in 3 attempts."), so the person would miss that sentence if the wait stopped at the
     * status change: send what is queued, and wait briefly for the closing sentence itself.
     */
    private static int sendClosingSentences(ToolCall call, ExecutionId id, BlockingQueue<Object> events,
            ExecutionWatch subscription, int sent) throws InterruptedException {
        int progress = sent;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSING_SENTENCE_MILLIS);
        while (System.nanoTime() < until) {
            Object event = next(events, subscription,
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            if (event instanceof IterationEvent iteration) {
                progress++;
                call.progress(progress, iteration.sentence());
                if (iteration.executionId().equals(id) && iteration.kind().isFinal()) {
                    return progress;
                }
            }
        }
        return progress;
    }
}
