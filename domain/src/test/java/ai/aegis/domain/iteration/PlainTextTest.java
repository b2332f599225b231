package ai.aegis.domain.iteration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void sanitize_javaStackTrace_keepsOnlyTheSentence() {
        String raw = "the import of numpy failed\njava.lang.IllegalStateException: boom\n"
                + "\tat ai.aegis.node.Runner.run(Runner.java:42)\n\tat java.base/java.lang.Thread.run(Thread.java:840)\n"
                + "Caused by: java.io.IOException: x\n\t... 3 more";

        String sanitized = PlainText.sanitize(raw).orElseThrow();

        assertThat(sanitized).startsWith("the import of numpy failed").doesNotContain("java.", "Runner", "Caused", "more");
    }

    @Test
    void sanitize_pythonTraceback_removed() {
        String raw = "Traceback (most recent call last):\n  File \"/usr/lib/python3/x.py\", line 3, in <module>\nthe test for parse failed";

        assertThat(PlainText.sanitize(raw).orElseThrow()).isEqualTo("the test for parse failed");
    }

    @Test
    void sanitize_containerIdAndUuid_removed() {
        assertThat(PlainText.sanitize("container 9f86d081884c7d65 restarted for job 123e4567-e89b-12d3-a456-426614174000").orElseThrow())
                .isEqualTo("container restarted for job");
    }

    @Test
    void sanitize_workspacePathKept_otherPathsAndTraversalRemoved() {
        assertThat(PlainText.sanitize("edited /workspace/src/app.py and /etc/hosts and /workspace/../root/x").orElseThrow())
                .isEqualTo("edited /workspace/src/app.py and and");
    }

    @Test
    void sanitize_longText_cappedWithEllipsis() {
        String sanitized = PlainText.sanitize("word ".repeat(100)).orElseThrow();

        assertThat(sanitized.length()).isLessThanOrEqualTo(PlainText.MAX_LENGTH + 1);
        assertThat(sanitized).endsWith("…");
    }

    @Test
    void sanitize_plainWordsAndShortNumbers_unchanged() {
        assertThat(PlainText.sanitize("the date parser, step 2").orElseThrow()).isEqualTo("the date parser, step 2");
    }

    @Test
    void sanitize_nothingReadable_empty() {
        assertThat(PlainText.sanitize("0xdeadbeef 123")).isEmpty();
        assertThat(PlainText.sanitize(null)).isEmpty();
    }
}
