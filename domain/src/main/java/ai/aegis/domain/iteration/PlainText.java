package ai.aegis.domain.iteration;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans free text from an agent or node before a person sees it: no stack frames, no exception
 * class names, no hex ids (container ids, hashes, UUIDs), no file paths outside {@code /workspace},
 * no control characters, and at most {@value #MAX_LENGTH} characters.
 */
public final class PlainText {

    /** The longest detail shown, in characters. */
    public static final int MAX_LENGTH = 120;

    private static final Pattern STACK_LINE = Pattern.compile(
            "(?m)^\\s*(at\\s+[\\w$.<>/]+\\(.*\\)|\\.\\.\\. \\d+ more|Caused by:.*|Traceback \\(most recent call last\\):.*"
                    + "|File \".*\", line \\d+.*|Exception in thread.*|goroutine \\d+.*|thread '.*' panicked.*)\\s*$");
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*(?:Exception|Error|Throwable)?\\b|\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b(?:0x[0-9a-fA-F]+|[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*[0-9][0-9a-fA-F]*"
            + "|[0-9a-fA-F]*[0-9][0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*)\\b");
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])/[^\\s'\"`,;:)]*");
    private static final Pattern INLINE_FRAME = Pattern.compile(
            "\\bat\\s+[\\w$./<>]+\\([^)]*\\)|\\b[\\w$-]+\\.(?:java|kt|py|js|ts|go|rs|rb|c|cpp|h):\\d+\\b");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PlainText() {
    }

    /** The cleaned text, or empty when nothing readable is left. */
    public static Optional<String> sanitize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String clean = STACK_LINE.matcher(text).replaceAll(" ");
        clean = clean.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        clean = INLINE_FRAME.matcher(clean).replaceAll("");
        clean = UUID.matcher(clean).replaceAll("");
        clean = replaceLongHex(clean);
        clean = replaceForeignPaths(clean);
        clean = QUALIFIED_NAME.matcher(clean).replaceAll("");
        clean = EXCEPTION_NAME.matcher(clean).replaceAll("");
        clean = SPACES.matcher(clean).replaceAll(" ").trim();
        clean = clean.replaceAll("\\s+([,.;:!?])", "$1").replaceAll("^[,.;:!?\\s]+", "").trim();
        if (clean.length() > MAX_LENGTH) {
            int cut = clean.lastIndexOf(' ', MAX_LENGTH - 1);
            clean = clean.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH - 1).trim() + "…";
        }
        boolean readable = clean.codePoints().anyMatch(Character::isLetter);
        return readable ? Optional.of(clean) : Optional.empty();
    }

    private static String replaceLongHex(String text) {
        Matcher matcher = HEX.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group();
            boolean id = token.startsWith("0x") || token.length() >= 8;
            matcher.appendReplacement(out, id ? "" : Matcher.quoteReplacement(token));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String replaceForeignPaths(String text) {
        Matcher matcher = PATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String path = matcher.group();
            boolean workspace = path.equals("/workspace") || path.startsWith("/workspace/");
            boolean traversal = path.contains("/../") || path.endsWith("/..");
            matcher.appendReplacement(out, workspace && !traversal ? Matcher.quoteReplacement(path) : "");
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
