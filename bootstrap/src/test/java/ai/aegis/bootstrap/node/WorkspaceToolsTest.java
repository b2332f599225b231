package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.DomainException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceToolsTest {

    @TempDir
    Path root;

    private Path workspace;
    private Path outside;
    private WorkspaceTools tools;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectory(root.resolve("workspace"));
        outside = Files.createDirectory(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not yours");
        tools = new WorkspaceTools(workspace);
    }

    @Test
    void writeThenRead_insideTheWorkspace_roundTrips() {
        Map<String, Object> written = tools.run("fs.write", Map.of("path", "/workspace/notes.txt", "content", "héllo"));
        Map<String, Object> read = tools.run("fs.read", Map.of("path", "notes.txt"));

        assertThat(written).containsEntry("path", "/workspace/notes.txt").containsEntry("bytes", 6);
        assertThat(read).containsEntry("content", "héllo");
        assertThat(workspace.resolve("notes.txt")).hasContent("héllo");
    }

    @Test
    void write_intoAnExistingSubdirectory_writesThere() throws IOException {
        Files.createDirectories(workspace.resolve("a/b"));

        tools.run("fs.write", Map.of("path", "/workspace/a/b/c.txt", "content", "deep"));

        assertThat(workspace.resolve("a/b/c.txt")).hasContent("deep");
    }

    @Test
    void write_missingDirectory_refusedNamingIt() {
        assertThatThrownBy(() -> tools.run("fs.write", Map.of("path", "/workspace/missing/c.txt", "content", "x")))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("/workspace/missing does not exist")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.directory_missing");
    }

    @Test
    void read_pathWithDotDot_refusedAsOutside() {
        assertThatThrownBy(() -> tools.run("fs.read", Map.of("path", "/workspace/../outside/secret.txt")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.outside_workspace");
    }

    @Test
    void read_absolutePathOutside_refusedAsOutside() {
        assertThatThrownBy(() -> tools.run("fs.read", Map.of("path", "/etc/passwd")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.outside_workspace");
    }

    @Test
    void read_throughALinkedDirectory_refusedAndNothingRead() throws IOException {
        Files.createSymbolicLink(workspace.resolve("escape"), outside);

        assertThatThrownBy(() -> tools.run("fs.read", Map.of("path", "/workspace/escape/secret.txt")))
                .isInstanceOf(DomainException.class)
                .hasMessageNotContaining("not yours")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.outside_workspace");
    }

    @Test
    void write_ontoALinkToAFileOutside_refusedAndTheFileUnchanged() throws IOException {
        Files.createSymbolicLink(workspace.resolve("secret.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> tools.run("fs.write", Map.of("path", "/workspace/secret.txt", "content", "owned")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.outside_workspace");
        assertThat(outside.resolve("secret.txt")).hasContent("not yours");
    }

    @Test
    void write_intoALinkedDirectory_refusedAndNothingCreatedOutside() throws IOException {
        Files.createSymbolicLink(workspace.resolve("escape"), outside);

        assertThatThrownBy(() -> tools.run("fs.write", Map.of("path", "/workspace/escape/new.txt", "content", "x")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.outside_workspace");
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void read_aFifo_refusedWithoutBlocking() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", workspace.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        assertThatThrownBy(() -> tools.run("fs.read", Map.of("path", "/workspace/pipe")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.not_a_file");
    }

    @Test
    void read_fileLargerThanTheLimit_refused() throws IOException {
        Files.write(workspace.resolve("big.bin"), new byte[WorkspaceTools.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> tools.run("fs.read", Map.of("path", "big.bin")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.too_large");
    }

    @Test
    void read_binaryFile_refusedAsNotText() throws IOException {
        Files.write(workspace.resolve("image.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});

        assertThatThrownBy(() -> tools.run("fs.read", Map.of("path", "image.bin")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.not_text");
    }

    @Test
    @SuppressWarnings("unchecked")
    void list_workspace_namesEntriesSortedWithDirectoriesMarkedAndLinksNotFollowed() throws IOException {
        Files.createDirectory(workspace.resolve("b-dir"));
        Files.writeString(workspace.resolve("a.txt"), "a");
        Files.createSymbolicLink(workspace.resolve("c-link"), outside);

        Map<String, Object> listed = tools.run("fs.list", Map.of());

        assertThat((List<Map<String, Object>>) listed.get("entries")).containsExactly(
                Map.of("name", "a.txt", "directory", false),
                Map.of("name", "b-dir", "directory", true),
                Map.of("name", "c-link", "directory", false));
    }

    @Test
    void delete_aLinkToAFileOutside_removesTheLinkOnly() throws IOException {
        Files.createSymbolicLink(workspace.resolve("secret.txt"), outside.resolve("secret.txt"));

        Map<String, Object> deleted = tools.run("fs.delete", Map.of("path", "/workspace/secret.txt"));

        assertThat(deleted).containsEntry("deleted", true);
        assertThat(workspace.resolve("secret.txt")).doesNotExist();
        assertThat(Files.readString(outside.resolve("secret.txt"), StandardCharsets.UTF_8)).isEqualTo("not yours");
    }

    @Test
    void delete_theWorkspaceItself_refused() {
        assertThatThrownBy(() -> tools.run("fs.delete", Map.of("path", "/workspace")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.outside_workspace");
    }

    @Test
    void delete_nonEmptyDirectory_refusedNamingTheRule() throws IOException {
        Files.createDirectories(workspace.resolve("full"));
        Files.writeString(workspace.resolve("full/x"), "x");

        assertThatThrownBy(() -> tools.run("fs.delete", Map.of("path", "full")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("fs.directory_not_empty");
    }

    @Test
    void run_toolTheNodeDoesNotOffer_refusedNamingWhatItOffers() {
        assertThatThrownBy(() -> tools.run("cmd.run", Map.of("command", "ls")))
                .hasMessageContaining("fs.read, fs.write, fs.list and fs.delete")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("node.tool_not_offered");
    }
}
