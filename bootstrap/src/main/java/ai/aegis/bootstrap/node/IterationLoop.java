package ai.aegis.bootstrap.node;

import ai.aegis.application.port.out.ChatCompletion;
import ai.aegis.application.port.out.ChatCompletionRequest;
import ai.aegis.application.port.out.ChatMessage;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LanguageModelPort;
import ai.aegis.application.port.out.OperationalMetricsPort;
import ai.aegis.application.port.out.TokenUsage;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.execution.ExecutionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "100monkeys" iteration loop of the local node: run the code in the sandbox, judge the run
 * ({@link OutputCheck}), and on failure give the failure back to the language model, which writes
 * the next version; up to the job's iteration budget. Every earlier attempt (its code and why it
 * failed) goes into the next prompt, so the model does not repeat a mistake.
 *
 * <p>Code comes from the job ({@code suppliedCode}, run first and as is) or from the model
 * (written from the instructions, then refined). Without a configured model only supplied code
 * runs: a job that needs the model fails at once, saying which setting is missing.
 *
 * <p>Each step is reported through {@link NodeReporter} in this order per attempt: attempt started,
 * (from the second attempt) memory reused and fix applied, then validation failed or the final
 * completed / failed / timed-out report. Cancellation is looked at before every step and while
 * code runs; a cancelled job stops without a further report.
 */
public final class IterationLoop {

    private static final Logger LOG = LoggerFactory.getLogger(IterationLoop.class);
    private static final Pattern FENCED = Pattern.compile("```[\\w+.-]*[ \\t]*\\R(.*?)```", Pattern.DOTALL);
    private static final int MAX_ANSWER_TOKENS = 4096;

    private final Sandbox sandbox;
    private final LanguageModelPort model;
    private final ClockPort clock;
    private final Optional<OperationalMetricsPort> metrics;

    public IterationLoop(Sandbox sandbox, LanguageModelPort model, ClockPort clock) {
        this(sandbox, model, clock, Optional.empty());
    }

    /** A loop that also reports each judged attempt's outcome and duration to {@code metrics}. */
    public IterationLoop(Sandbox sandbox, LanguageModelPort model, ClockPort clock, OperationalMetricsPort metrics) {
        this(sandbox, model, clock, Optional.of(metrics));
    }

    private IterationLoop(Sandbox sandbox, LanguageModelPort model, ClockPort clock,
            Optional<OperationalMetricsPort> metrics) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** One earlier attempt, remembered for the next prompt. */
    private record Attempt(int number, String code, String feedback) {
    }

    /** Runs {@code job} to its end, reporting every step to {@code reporter}. */
    public LoopResult run(AgentJob job, NodeReporter reporter, CancellationSignal cancellation) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(cancellation, "cancellation");
        Run run = new Run(job, reporter, cancellation);
        try {
            return run.loop();
        } catch (DomainException refused) {
            LOG.info("the service refused a report for an execution; the node stops working on it ({})", refused.code());
            return run.result(LoopResult.Outcome.REFUSED, "The service stopped this run: " + refused.getMessage());
        }
    }

    /** The state of one job's loop. */
    private final class Run {

        private final AgentJob job;
        private final NodeReporter reporter;
        private final CancellationSignal cancellation;
        private final List<Attempt> memory = new ArrayList<>();
        private TokenUsage usage = TokenUsage.NONE;
        private LoopResult lastFailure;
        private int attempts;
        private String lastCode;
        private SandboxResult lastRun;

        Run(AgentJob job, NodeReporter reporter, CancellationSignal cancellation) {
            this.job = job;
            this.reporter = reporter;
            this.cancellation = cancellation;
        }

        LoopResult loop() {
            if (sandbox.unavailableReason().isPresent()) {
                return fail("this node refuses to run code because its sandbox (bubblewrap) is not installed");
            }
            if (job.suppliedCode().isEmpty() && !model.isConfigured()) {
                return fail("no language model is configured to write the code; set AEGIS_MODEL_BASE_URL and"
                        + " AEGIS_MODEL_NAME, or supply the code");
            }
            for (int number = 1; number <= job.maxIterations(); number++) {
                if (cancellation.isCancelled()) {
                    return result(LoopResult.Outcome.CANCELLED, "The run was cancelled.");
                }
                if (!clock.now().isBefore(job.deadline())) {
                    return timedOut();
                }
                attempts = number;
                reporter.attemptStarted(job.executionId(), number == 1 ? null : "a corrected version");
                java.time.Instant attemptStarted = clock.now();
                Optional<String> code = codeFor(number);
                if (code.isEmpty()) {
                    return lastFailure;
                }
                lastCode = code.get();
                if (cancellation.isCancelled()) {
                    return result(LoopResult.Outcome.CANCELLED, "The run was cancelled.");
                }
                Duration left = Duration.between(clock.now(), job.deadline());
                if (left.isNegative() || left.isZero()) {
                    return timedOut();
                }
                Duration limit = left.compareTo(job.attemptTimeLimit()) < 0 ? left : job.attemptTimeLimit();
                try {
                    lastRun = sandbox.run(new SandboxRun(job.workspace(), Map.of(job.runtime().fileName(), lastCode),
                            job.runtime().command(), job.stdin(), job.network(), job.limits(), limit,
                            job.toolSocketDirectory()), cancellation);
                } catch (UnavailableException e) {
                    return fail("sandbox.unavailable".equals(e.code())
                            ? "this node refuses to run code because its sandbox (bubblewrap) is not available"
                            : "the sandbox could not be prepared on this node");
                } catch (PreconditionFailedException e) {
                    return fail("the workspace of this run is missing on this node");
                }
                if (lastRun.termination() == SandboxResult.Termination.CANCELLED) {
                    return result(LoopResult.Outcome.CANCELLED, "The run was cancelled.");
                }
                if (lastRun.termination() == SandboxResult.Termination.TIME_LIMIT && !clock.now().isBefore(job.deadline())) {
                    return timedOut();
                }
                Optional<OutputCheck.Failure> failure = job.check().judge(lastRun);
                Duration took = Duration.between(attemptStarted, clock.now());
                metrics.ifPresent(observer -> observer.iterationEnded(failure.isEmpty() ? "passed" : "failed", took));
                if (failure.isEmpty()) {
                    reporter.finish(job.executionId(), ExecutionOutcome.COMPLETED,
                            Optional.of("the result passed its check"), Optional.of(lastRun));
                    return result(LoopResult.Outcome.COMPLETED, "The result passed its check after " + number
                            + (number == 1 ? " attempt." : " attempts."));
                }
                memory.add(new Attempt(number, lastCode, failure.get().modelFeedback()));
                if (number == job.maxIterations()) {
                    return fail(failure.get().plainReason());
                }
                if (!model.isConfigured()) {
                    return fail(failure.get().plainReason() + "; no language model is set up to fix it");
                }
                reporter.validationFailed(job.executionId(), failure.get().plainReason());
            }
            return fail("no attempt passed its check");
        }

        /** The code of attempt {@code number}, or empty after reporting why there is none. */
        private Optional<String> codeFor(int number) {
            if (number == 1 && job.suppliedCode().isPresent()) {
                return job.suppliedCode();
            }
            if (!memory.isEmpty()) {
                reporter.memoryReused(job.executionId(), "what went wrong in " + (memory.size() == 1 ? "the earlier attempt"
                        : "the " + memory.size() + " earlier attempts"));
            }
            ChatCompletion answer;
            try {
                answer = model.complete(new ChatCompletionRequest(prompt(), OptionalInt.of(MAX_ANSWER_TOKENS),
                        job.userKey()));
            } catch (UnavailableException e) {
                LOG.info("the language model failed during an iteration ({})", e.code());
                lastFailure = fail(LanguageModelPort.NOT_CONFIGURED.equals(e.code())
                        ? "no language model is configured to write the code; set AEGIS_MODEL_BASE_URL and AEGIS_MODEL_NAME"
                        : "the language model did not give an answer, so no code could be written");
                return Optional.empty();
            }
            usage = usage.plus(answer.usage());
            String code = extractCode(answer.text());
            if (code.isBlank()) {
                lastFailure = fail("the language model answered without any code");
                return Optional.empty();
            }
            if (!memory.isEmpty()) {
                reporter.fixApplied(job.executionId(), "the code");
            }
            return Optional.of(code);
        }

        private List<ChatMessage> prompt() {
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(ChatMessage.system("You write the code of an agent step. Answer with one complete "
                    + job.runtime().language() + " program in a single fenced code block and nothing else. It runs as "
                    + job.runtime().command().get(0) + " with /workspace as its working directory (the only writable"
                    + " directory, kept after the run), a fresh empty /tmp, " + (job.network() ? "network access"
                    : "no network access") + ", limited memory and time. Its standard output and exit code are checked."
                    + (job.toolSocketDirectory().isPresent() ? " To call platform tools (fs.read, fs.write, fs.list,"
                    + " fs.delete with a /workspace path; cmd.run with a command; web.fetch with a url; web.search"
                    + " with a query), connect to the Unix socket named by the AEGIS_TOOLS_SOCKET"
                    + " environment variable and write one JSON line {\"tool\": …, \"arguments\": {…}}; each answer is"
                    + " one JSON line {\"ok\": true, \"result\": …} or {\"ok\": false, \"error\": …, \"message\": …}."
                    : "")));
            StringBuilder task = new StringBuilder("Task: ").append(job.instructions().orElse(
                    "make the given program pass its check")).append("\n\nCheck: ").append(job.check().describe());
            if (!job.stdin().isEmpty()) {
                task.append("\nThe program receives this on standard input:\n").append(job.stdin());
            }
            messages.add(ChatMessage.user(task.toString()));
            for (Attempt attempt : memory) {
                messages.add(ChatMessage.assistant("```\n" + attempt.code() + "\n```"));
                messages.add(ChatMessage.user("Attempt " + attempt.number() + " failed its check.\n" + attempt.feedback()
                        + "\n\nWrite the corrected complete program."));
            }
            return messages;
        }

        private LoopResult fail(String reason) {
            reporter.finish(job.executionId(), ExecutionOutcome.FAILED, Optional.of(reason), Optional.ofNullable(lastRun));
            return result(LoopResult.Outcome.FAILED, "The run failed: " + reason + ".");
        }

        private LoopResult timedOut() {
            reporter.timedOut(job.executionId(), "the deadline passed");
            return result(LoopResult.Outcome.TIMED_OUT, "The run ran out of time.");
        }

        LoopResult result(LoopResult.Outcome outcome, String summary) {
            return new LoopResult(outcome, attempts, Optional.ofNullable(lastCode), Optional.ofNullable(lastRun), summary,
                    usage);
        }
    }

    /** The code of a model answer: the first fenced block, or the whole answer when there is none. */
    static String extractCode(String answer) {
        Matcher fenced = FENCED.matcher(answer);
        String code = fenced.find() ? fenced.group(1) : answer;
        return code.strip() + "\n";
    }
}
