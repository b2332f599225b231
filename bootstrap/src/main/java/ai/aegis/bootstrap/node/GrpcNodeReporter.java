package ai.aegis.bootstrap.node;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.iteration.IterationEventKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the iteration loop's steps over gRPC with the execution's SEAL token. BeginExecution has
 * already started (and counted) attempt 1, so the loop's first "attempt started" is not sent again.
 * The end is reported with what the last run printed and the files it left in the workspace. A run
 * that ran out of time is not reported: the service times executions out itself, and its
 * time-out cascades. Refusals from the service come back as its {@code DomainException}, which stops
 * the loop.
 */
final class GrpcNodeReporter implements NodeReporter {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcNodeReporter.class);

    private final GrpcNodeClient.ForExecution calls;
    private final Path workspace;
    private final AtomicBoolean firstAttemptAlreadyCounted = new AtomicBoolean(true);

    GrpcNodeReporter(GrpcNodeClient.ForExecution calls, Path workspace) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public void iteration(ExecutionId executionId, IterationEventKind kind, Optional<String> detail) {
        if (kind == IterationEventKind.ATTEMPT_STARTED && firstAttemptAlreadyCounted.getAndSet(false)) {
            return;
        }
        calls.report(kind, detail);
    }

    @Override
    public void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail) {
        finish(executionId, outcome, detail, Optional.empty());
    }

    @Override
    public void finish(ExecutionId executionId, ExecutionOutcome outcome, Optional<String> detail,
            Optional<SandboxResult> lastRun) {
        Optional<ExecutionOutput> output = lastRun.map(run -> {
            List<String> files = filesIn(workspace);
            return ExecutionOutput.of(run.stdout(), run.stderr(), run.exitCode(),
                    run.stdoutTruncated() || run.stderrTruncated(), files, textsOf(workspace, files));
        });
        if (outcome == ExecutionOutcome.COMPLETED) {
            calls.complete(detail, output);
        } else if (outcome == ExecutionOutcome.FAILED) {
            calls.fail(detail, output);
        }
    }

    /**
     * The contents of the small files among {@code files} that are UTF-8 text (no NUL byte, valid
     * encoding), so a result written to a file comes back with the answer; others are named only.
     */
    static Map<String, String> textsOf(Path workspace, List<String> files) {
        Map<String, String> texts = new TreeMap<>();
        long total = 0;
        for (String name : files) {
            Path file = workspace.resolve(name);
            try {
                long size = Files.size(file);
                if (size > ExecutionOutput.MAX_TEXT_CHARS || total + size > ExecutionOutput.MAX_TEXTS_CHARS
                        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
                if (text.indexOf('\u0000') < 0) {
                    texts.put(name, text);
                    total += size;
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("a workspace file could not be read as text: {}", e.getClass().getSimpleName());
            }
        }
        return texts;
    }

    /** The regular files the run left in its workspace, relative to it, in name order; never follows links. */
    static List<String> filesIn(Path workspace) {
        try (Stream<Path> walk = Files.walk(workspace)) {
            return walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .map(path -> workspace.relativize(path).toString())
                    .sorted()
                    .limit(ExecutionOutput.MAX_FILES + 1L)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.info("could not list the workspace of a run: {}", e.getClass().getSimpleName());
            return List.of();
        }
    }
}
