package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.UnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts against the real bubblewrap sandbox. These tests need {@code bwrap} (Debian
 * package bubblewrap): without it they fail, on purpose, instead of being skipped.
 */
class BubblewrapSandboxTest {

    private static final long MIB = 1024L * 1024;
    private static final SandboxLimits LIMITS = SandboxLimits.forMemory(256 * MIB).withCpuTime(Duration.ofSeconds(10))
            .withMaxProcesses(16);

    private static final BubblewrapSandbox SANDBOX = new BubblewrapSandbox(BubblewrapSettings.DEFAULTS);

    @TempDir
    Path volumes;

    private ServerSocket server;

    @BeforeAll
    static void bubblewrapInstalled() {
        assertThat(SANDBOX.unavailableReason())
                .as("the sandbox tests need bubblewrap and util-linux (apt-get install bubblewrap)")
                .isEmpty();
    }

    @AfterEach
    void closeServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** A volume directory as the node keeps them: private to its owner. */
    private Path volume(String name) throws IOException {
        Path volume = Files.createDirectories(volumes.resolve(name));
        Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwx------"));
        return volume;
    }

    private static SandboxRun shell(Path workspace, String script, boolean network, SandboxLimits limits,
            Duration timeLimit) {
        return new SandboxRun(workspace, Map.of("main.sh", script), List.of("/bin/sh", "/sandbox/main.sh"), "", network,
                limits, timeLimit);
    }

    private static SandboxResult run(Path workspace, String script) {
        return SANDBOX.run(shell(workspace, script, false, LIMITS, Duration.ofSeconds(20)), new CancellationSignal());
    }

    private static boolean anyProcessWithArgument(String argument) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(args -> List.of(args).contains(argument)).orElse(false));
    }

    private static void awaitNoProcessWithArgument(String argument) throws InterruptedException {
        for (int i = 0; i < 100 && anyProcessWithArgument(argument); i++) {
            Thread.sleep(50);
        }
        assertThat(anyProcessWithArgument(argument)).as("a process of the run survived it").isFalse();
    }

    @Test
    void run_simpleProgram_outputExitCodeAndWorkspaceFileComeBack() throws IOException {
        Path workspace = volume("exec-a");

        SandboxResult result = run(workspace, "echo hello; id -u; pwd; echo result > /workspace/out.txt; exit 3");

        assertThat(result.termination()).isEqualTo(SandboxResult.Termination.EXITED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("hello\n1000\n/workspace\n");
        assertThat(workspace.resolve("out.txt")).hasContent("result");
    }

    @Test
    void run_writeOutsideWorkspace_everyTargetRefused() throws IOException {
        Path workspace = volume("exec-a");
        Path hostTarget = volumes.resolve("escaped.txt");
        String script = "for f in /etc/x /usr/x /x /sandbox/x /proc/x " + hostTarget + " " + volumes + "/exec-b; do"
                + " if echo pwned > $f 2>/dev/null; then echo WROTE $f; fi; done; echo checked";

        SandboxResult result = run(workspace, script);

        assertThat(result.stdout()).isEqualTo("checked\n");
        assertThat(hostTarget).doesNotExist();
        assertThat(volumes.resolve("exec-b")).doesNotExist();
    }

    @Test
    void run_otherExecutionsVolume_cannotBeRead() throws IOException {
        Path mine = volume("exec-a");
        Path theirs = volume("exec-b");
        Files.writeString(theirs.resolve("secret.txt"), "the-other-tenants-secret");

        SandboxResult result = run(mine, "cat " + theirs.resolve("secret.txt") + " 2>&1; ls " + volumes + " 2>&1;"
                + " cat /workspace/../exec-b/secret.txt 2>&1; find / -path /usr -prune -o -path /proc -prune -o -name secret.txt -print 2>/dev/null; echo end");

        assertThat(result.stdout()).doesNotContain("the-other-tenants-secret").doesNotContain("secret.txt\n")
                .contains("No such file").endsWith("end\n");
    }

    @Test
    void run_networkNotGranted_cannotReachAServerOnTheHost() throws IOException {
        AtomicInteger accepted = listenOnLoopback();
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo CONNECTED";

        SandboxResult result = SANDBOX.run(new SandboxRun(volume("exec-a"), Map.of("net.sh", script),
                List.of("/bin/bash", "/sandbox/net.sh"), "", false, LIMITS, Duration.ofSeconds(10)), new CancellationSignal());

        assertThat(result.stdout()).doesNotContain("CONNECTED");
        assertThat(result.exitCode()).isNotZero();
        assertThat(accepted).hasValue(0);
    }

    @Test
    void run_networkGranted_reachesTheServer() throws IOException {
        AtomicInteger accepted = listenOnLoopback();
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo CONNECTED";

        SandboxResult result = SANDBOX.run(new SandboxRun(volume("exec-a"), Map.of("net.sh", script),
                List.of("/bin/bash", "/sandbox/net.sh"), "", true, LIMITS, Duration.ofSeconds(10)), new CancellationSignal());

        assertThat(result.stdout()).contains("CONNECTED");
    }

    @Test
    void run_forkBomb_stoppedAtTheProcessLimit() throws IOException, InterruptedException {
        String script = "i=0; while [ $i -lt 500 ]; do sleep 7.3125 & i=$((i+1)); echo $i; done";

        SandboxResult result = run(volume("exec-a"), script);

        String[] lines = result.stdout().strip().split("\n");
        assertThat(Integer.parseInt(lines[lines.length - 1])).isLessThan(LIMITS.maxProcesses());
        assertThat(result.stderr()).contains("fork");
        assertThat(result.exitCode()).isNotZero();
        awaitNoProcessWithArgument("7.3125");
    }

    @Test
    void run_memoryHog_killedAtTheMemoryLimit() throws IOException {
        SandboxLimits small = SandboxLimits.forMemory(64 * MIB).withCpuTime(Duration.ofSeconds(10));
        String script = "x=$(head -c 300000000 /dev/zero | tr '\\0' a); echo allocated ${#x}";

        SandboxResult result = SANDBOX.run(shell(volume("exec-a"), script, false, small, Duration.ofSeconds(20)),
                new CancellationSignal());

        assertThat(result.stdout()).doesNotContain("allocated");
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void run_cpuHog_killedAtTheCpuTimeLimit() throws IOException {
        SandboxLimits oneSecond = LIMITS.withCpuTime(Duration.ofSeconds(1));

        SandboxResult result = SANDBOX.run(shell(volume("exec-a"), "while :; do :; done", false, oneSecond,
                Duration.ofSeconds(30)), new CancellationSignal());

        assertThat(result.termination()).isEqualTo(SandboxResult.Termination.EXITED);
        assertThat(result.killedBySignal()).isTrue();
    }

    @Test
    void run_pastItsTimeLimit_killedWithAllItsProcesses() throws IOException, InterruptedException {
        SandboxResult result = SANDBOX.run(shell(volume("exec-a"), "sleep 8.0625 & sleep 8.0625; echo finished", false,
                LIMITS, Duration.ofMillis(700)), new CancellationSignal());

        assertThat(result.termination()).isEqualTo(SandboxResult.Termination.TIME_LIMIT);
        assertThat(result.stdout()).doesNotContain("finished");
        awaitNoProcessWithArgument("8.0625");
    }

    @Test
    void run_cancelled_killedWithAllItsProcesses() throws Exception {
        Path workspace = volume("exec-a");
        CancellationSignal cancellation = new CancellationSignal();
        CompletableFuture<SandboxResult> running = CompletableFuture.supplyAsync(() -> SANDBOX.run(shell(workspace,
                "sleep 9.4375 & touch /workspace/started; sleep 9.4375; echo finished", false, LIMITS,
                Duration.ofSeconds(60)), cancellation));
        for (int i = 0; i < 200 && !Files.exists(workspace.resolve("started")); i++) {
            Thread.sleep(25);
        }
        assertThat(workspace.resolve("started")).exists();

        cancellation.cancel();
        SandboxResult result = running.get(20, TimeUnit.SECONDS);

        assertThat(result.termination()).isEqualTo(SandboxResult.Termination.CANCELLED);
        assertThat(result.stdout()).doesNotContain("finished");
        awaitNoProcessWithArgument("9.4375");
    }

    @Test
    void run_floodOfOutput_keptUpToTheCap() throws IOException {
        SandboxLimits capped = LIMITS.withMaxOutputBytes(1000);

        SandboxResult result = SANDBOX.run(shell(volume("exec-a"), "head -c 5000000 /dev/zero | tr '\\0' a; echo done >&2",
                false, capped, Duration.ofSeconds(20)), new CancellationSignal());

        assertThat(result.stdout()).hasSize(1000);
        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stderr()).isEqualTo("done\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void run_tmpOfAnEarlierRun_isGone() throws IOException {
        Path workspace = volume("exec-a");
        run(workspace, "echo left-behind > /tmp/note");

        SandboxResult second = run(workspace, "cat /tmp/note 2>&1; ls /tmp | wc -l");

        assertThat(second.stdout()).doesNotContain("left-behind").endsWith("0\n");
    }

    @Test
    void run_bwrapMissing_refusesNamingBubblewrap() throws IOException {
        BubblewrapSandbox missing = new BubblewrapSandbox(BubblewrapSettings.DEFAULTS.withBwrap(
                volumes.resolve("no-such-bwrap")));
        Path workspace = volume("exec-a");

        assertThat(missing.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason).contains("bubblewrap"));
        assertThatThrownBy(() -> missing.run(shell(workspace, "echo ran > /workspace/ran", false, LIMITS,
                Duration.ofSeconds(5)), new CancellationSignal()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.code()).isEqualTo("sandbox.unavailable"))
                .hasMessageContaining("bubblewrap")
                .hasMessageContaining("refuses to run code");
        assertThat(workspace.resolve("ran")).doesNotExist();
    }

    private AtomicInteger listenOnLoopback() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger accepted = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket ignored = server.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return accepted;
    }
}
