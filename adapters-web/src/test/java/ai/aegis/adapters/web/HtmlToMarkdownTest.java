package ai.aegis.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlToMarkdownTest {

    private static HtmlToMarkdown.Converted convert(String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return HtmlToMarkdown.convert(bytes, bytes.length, Optional.empty(), "https://example.org/docs/");
    }

    @Test
    void convert_structuredPage_headingsParagraphsListsLinksAndCode() {
        HtmlToMarkdown.Converted page = convert("<html><head><title> Guide </title></head><body>"
                + "<nav><a href='/'>Home</a></nav><h2>Install</h2><p>Run   the\n tool:</p>"
                + "<pre>make\n  install</pre><ol><li>one</li><li>two <a href='next'>next</a></li></ol>"
                + "<blockquote><p>quoted</p></blockquote><p>Use <code>--force</code> with <em>care</em>.</p>"
                + "<img src='x.png' alt='diagram'><noscript>enable js</noscript></body></html>");

        assertThat(page.title()).contains("Guide");
        assertThat(page.text()).isEqualTo("[Home](https://example.org/)\n\n## Install\n\nRun the tool:\n\n"
                + "```\nmake\n  install\n```\n\n1. one\n2. two [next](https://example.org/docs/next)\n\n> quoted\n\n"
                + "Use `--force` with *care*.\n\n[image: diagram]");
    }

    @Test
    void convert_table_rowsWithAHeaderSeparator() {
        String text = convert("<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>31</td></tr></table>").text();

        assertThat(text).isEqualTo("| Name | Age |\n| --- | --- |\n| Ann | 31 |");
    }

    @Test
    void convert_declaredCharset_detectedWithoutAHeader() {
        byte[] latin1 = "<html><head><meta charset='iso-8859-1'></head><body><p>café</p></body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(HtmlToMarkdown.convert(latin1, latin1.length, Optional.empty(), "https://example.org/").text())
                .isEqualTo("café");
    }

    @Test
    void convert_javascriptLink_keepsOnlyTheText() {
        assertThat(convert("<p><a href='javascript:alert(1)'>click</a></p>").text()).isEqualTo("click");
    }
}
