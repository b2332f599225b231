package ai.aegis.adapters.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns an HTML page into readable Markdown-style text with jsoup: headings as {@code #}, paragraphs
 * separated by blank lines, lists as {@code -} or {@code 1.}, links as {@code [text](absolute url)},
 * preformatted blocks fenced, quotes with {@code >}, table rows as {@code | a | b |}. Scripts, styles,
 * forms' controls and embedded objects are dropped; whitespace is collapsed as a browser would.
 */
final class HtmlToMarkdown {

    /** The page title (when it has one) and its text. */
    record Converted(Optional<String> title, String text) {
    }

    private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "head", "select", "input", "textarea", "button", "math", "video", "audio");

    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
            "nav", "aside", "figure", "figcaption", "address", "details", "summary", "dl", "dt", "dd", "form",
            "fieldset", "legend", "center", "body", "html", "caption");

    private final StringBuilder out = new StringBuilder();

    private HtmlToMarkdown() {
    }

    /**
     * Parses {@code length} bytes of {@code body}; the charset is the HTTP header's when given, else
     * what the page declares (jsoup's detection), else UTF-8. Relative links resolve against {@code baseUri}.
     */
    static Converted convert(byte[] body, int length, Optional<String> charset, String baseUri) {
        Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(body, 0, length), charset.orElse(null), baseUri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String title = document.title().strip();
        HtmlToMarkdown markdown = new HtmlToMarkdown();
        markdown.children(document.body() != null ? document.body() : document);
        return new Converted(title.isEmpty() ? Optional.empty() : Optional.of(title), markdown.result());
    }

    private String result() {
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private void children(Node parent) {
        for (Node child : parent.childNodes()) {
            node(child);
        }
    }

    private void node(Node node) {
        if (node instanceof TextNode text) {
            inline(text.text());
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String tag = element.normalName();
        if (DROPPED.contains(tag)) {
            return;
        }
        if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
            blockBreak();
            String heading = singleLine(element);
            if (!heading.isEmpty()) {
                out.append("#".repeat(tag.charAt(1) - '0')).append(' ').append(heading);
            }
            blockBreak();
            return;
        }
        switch (tag) {
            case "br":
                lineBreak();
                return;
            case "hr":
                blockBreak();
                out.append("---");
                blockBreak();
                return;
            case "pre":
                blockBreak();
                out.append("```\n").append(element.wholeText().replaceAll("\\s+$", "")).append("\n```");
                blockBreak();
                return;
            case "code":
            case "kbd":
            case "samp":
                String code = element.text();
                if (!code.isBlank()) {
                    inline("`" + code + "`");
                }
                return;
            case "a":
                link(element);
                return;
            case "img":
                String alt = element.attr("alt").strip();
                if (!alt.isEmpty()) {
                    inline("[image: " + alt + "]");
                }
                return;
            case "strong":
            case "b":
                emphasised(element, "**");
                return;
            case "em":
            case "i":
                emphasised(element, "*");
                return;
            case "ul":
            case "ol":
                list(element, tag.equals("ol"));
                return;
            case "li":
                blockBreak();
                out.append("- ").append(indentContinuation(render(element), "  "));
                lineBreak();
                return;
            case "blockquote":
                blockBreak();
                String quoted = render(element);
                for (String line : quoted.split("\n", -1)) {
                    out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
                }
                blockBreak();
                return;
            case "table":
                table(element);
                return;
            case "tr":
                row(element);
                return;
            default:
                if (BLOCKS.contains(tag)) {
                    blockBreak();
                    children(element);
                    blockBreak();
                } else {
                    children(element);
                }
        }
    }

    private void link(Element element) {
        String text = singleLine(element);
        String href = element.absUrl("href");
        String scheme = href.toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return;
        }
        if (scheme.startsWith("http://") || scheme.startsWith("https://")) {
            inline("[" + text.replace("]", "\\]") + "](" + href.replace(" ", "%20").replace(")", "%29") + ")");
        } else {
            inline(text);
        }
    }

    private void emphasised(Element element, String marker) {
        String text = singleLine(element);
        if (!text.isEmpty()) {
            inline(marker + text + marker);
        }
    }

    private void list(Element element, boolean ordered) {
        blockBreak();
        int number = 1;
        for (Element item : element.children()) {
            if (!item.normalName().equals("li")) {
                continue;
            }
            String prefix = ordered ? number++ + ". " : "- ";
            String body = render(item);
            out.append(prefix).append(indentContinuation(body, " ".repeat(prefix.length()))).append('\n');
        }
        blockBreak();
    }

    private void table(Element table) {
        blockBreak();
        boolean headerDone = false;
        for (Element row : table.select("tr")) {
            if (row.closest("table") != table) {
                continue;
            }
            StringBuilder line = new StringBuilder("|");
            int cells = 0;
            boolean header = true;
            for (Element cell : row.children()) {
                if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
                    header &= cell.normalName().equals("th");
                    line.append(' ').append(singleLine(cell).replace("|", "\\|")).append(" |");
                    cells++;
                }
            }
            if (cells == 0) {
                continue;
            }
            out.append(line).append('\n');
            if (!headerDone && header) {
                out.append("|").append(" --- |".repeat(cells)).append('\n');
            }
            headerDone = true;
        }
        blockBreak();
    }

    private void row(Element row) {
        StringBuilder line = new StringBuilder("|");
        for (Element cell : row.children()) {
            line.append(' ').append(singleLine(cell)).append(" |");
        }
        lineBreak();
        out.append(line);
        lineBreak();
    }

    /** The element's content rendered on its own, trimmed. */
    private static String render(Element element) {
        HtmlToMarkdown inner = new HtmlToMarkdown();
        inner.children(element);
        return inner.result();
    }

    private static String singleLine(Element element) {
        return render(element).replaceAll("\\s+", " ").strip();
    }

    private static String indentContinuation(String text, String indent) {
        return text.replace("\n", "\n" + indent);
    }

    private void inline(String text) {
        String collapsed = text.replaceAll("\\s+", " ");
        if (collapsed.isEmpty()) {
            return;
        }
        boolean atLineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
        boolean afterSpace = atLineStart || out.charAt(out.length() - 1) == ' ';
        if (collapsed.charAt(0) == ' ' && afterSpace) {
            collapsed = collapsed.substring(1);
        }
        out.append(collapsed);
    }

    private void lineBreak() {
        trimTrailingSpaces();
        out.append('\n');
    }

    private void blockBreak() {
        trimTrailingSpaces();
        if (out.length() == 0) {
            return;
        }
        if (out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }

    private void trimTrailingSpaces() {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
