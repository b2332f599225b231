package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputCheckTest {

    private static SandboxResult exited(int code, String stdout, String stderr) {
        return new SandboxResult(SandboxResult.Termination.EXITED, code, stdout, stderr, false, false, Duration.ofMillis(5));
    }

    @Test
    void judge_wrongExitCode_plainReasonAndStderrForTheModel() {
        OutputCheck.Failure failure = OutputCheck.exitCodeZero().judge(exited(1, "", "NameError: x is not defined"))
                .orElseThrow();

        assertThat(failure.plainReason()).isEqualTo("exit code 1 (expected 0)");
        assertThat(failure.modelFeedback()).contains("NameError: x is not defined");
    }

    @Test
    void judge_killedBySignal_saysResourceLimitOrCrash() {
        OutputCheck.Failure failure = OutputCheck.exitCodeZero().judge(exited(137, "", "")).orElseThrow();

        assertThat(failure.plainReason()).contains("resource limit");
        assertThat(failure.modelFeedback()).contains("signal 9");
    }

    @Test
    void judge_expectedOutputIgnoringSurroundingSpace_passes() {
        assertThat(OutputCheck.exitCodeZero().withExpectedOutput("42").judge(exited(0, "42\n", ""))).isEmpty();
    }

    @Test
    void judge_notJson_failsSayingSo() {
        OutputCheck check = OutputCheck.exitCodeZero().withOutputSchema("{\"type\":\"object\"}");

        assertThat(check.judge(exited(0, "hello", "")).orElseThrow().plainReason()).isEqualTo("output that is not valid JSON");
    }

    @Test
    void withOutputSchema_notASchema_refused() {
        assertThatThrownBy(() -> OutputCheck.exitCodeZero().withOutputSchema("{\"type\": 12"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("validation.invalid_schema"));
    }

    @Test
    void judge_schemaWithRemoteRef_neverFetchesIt() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger fetched = new AtomicInteger();
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String schema = "{\"$ref\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/remote.json\"}";
            try {
                OutputCheck.exitCodeZero().withOutputSchema(schema).judge(exited(0, "\"text\"", ""));
            } catch (InvalidInputException refused) {
                assertThat(refused.code()).isEqualTo("validation.invalid_schema");
            }
            assertThat(fetched).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
