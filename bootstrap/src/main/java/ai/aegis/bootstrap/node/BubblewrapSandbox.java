package ai.aegis.bootstrap.node;

import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Sandbox} on bubblewrap ({@code bwrap}): every run gets fresh namespaces
 * ({@code --unshare-all}: user, PID, IPC, UTS, cgroup and network — the network namespace is kept
 * only when the run may use the network), a read-only root built from the host's {@code /usr} (and
 * the {@code /bin}, {@code /lib*}, {@code /sbin} links or directories), a handful of {@code /etc}
 * files, a private {@code /proc} and {@code /dev}, a fresh {@code /tmp} in memory, the program
 * read-only at {@code /sandbox}, and the execution's volume as {@code /workspace}, the only
 * writable directory that outlives the run. No other host path (another execution's volume, the
 * data directory, home directories) exists inside.
 *
 * <p>Limits are rlimits set by {@code prlimit} just before the program starts, because cgroups may
 * not be writable where the node runs: address space and CPU time per process, process count,
 * file size, open files, no core dumps. The process-count limit only binds a non-root user in a
 * user namespace of its own, so on a root node the program runs as
 * {@link BubblewrapSettings#sandboxUid()} in a fresh user namespace (see {@link #commandLine}). {@code --die-with-parent}
 * and the PID namespace make killing {@code bwrap} kill everything started inside;
 * {@code --new-session} stops the program from pushing keystrokes into the node's terminal.
 *
 * <p>Without {@code bwrap} (or {@code prlimit}, or {@code setpriv} on a root node) nothing runs:
 * {@link #run} fails with {@code sandbox.unavailable} saying what to install.
 */
public final class BubblewrapSandbox implements Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(BubblewrapSandbox.class);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final int INSIDE_UID = 1000;
    private static final String PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
    private static final List<String> ROOT_ENTRIES = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");
    private static final List<String> ETC_FILES = List.of("alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
            "localtime", "nsswitch.conf", "mime.types", "ssl", "ca-certificates", "ca-certificates.conf");
    private static final List<String> ETC_NETWORK_FILES = List.of("resolv.conf", "hosts", "gai.conf", "host.conf");

    private final BubblewrapSettings settings;
    private final boolean root;

    public BubblewrapSandbox(BubblewrapSettings settings) {
        this(settings, runningAsRoot());
    }

    BubblewrapSandbox(BubblewrapSettings settings, boolean root) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.root = root;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!Files.isExecutable(settings.bwrap())) {
            return Optional.of("bubblewrap (bwrap) is not installed at " + settings.bwrap()
                    + ", so this node refuses to run code; install the bubblewrap package (apt-get install bubblewrap)");
        }
        if (!Files.isExecutable(settings.prlimit())) {
            return Optional.of("prlimit is not installed at " + settings.prlimit()
                    + ", so this node cannot limit memory, CPU time and processes and refuses to run code;"
                    + " install util-linux");
        }
        if (root && !(Files.isExecutable(settings.setpriv()) && Files.isExecutable(settings.unshare()))) {
            return Optional.of("setpriv or unshare is missing from " + settings.setpriv().getParent() + "; a node running as"
                    + " root needs both to run code as an unprivileged user and refuses to run code; install util-linux");
        }
        return Optional.empty();
    }

    @Override
    public SandboxResult run(SandboxRun run, CancellationSignal cancellation) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(cancellation, "cancellation");
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new UnavailableException("sandbox.unavailable", unavailable.get());
        }
        if (!Files.isDirectory(run.workspace(), LinkOption.NOFOLLOW_LINKS)) {
            throw new PreconditionFailedException("sandbox.workspace_missing",
                    "the execution's workspace directory does not exist on this node");
        }
        Path programDir = null;
        try {
            programDir = Files.createTempDirectory("aegis-sandbox-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            writeProgram(programDir, run.programFiles());
            // Only a workspace the sandbox user does not own yet (its first run): later runs may go on
            // beside a running program (cmd.run), and walking a tree it can change while chowning as
            // root could be raced through a swapped-in link.
            if (root && !ownedBySandboxUser(run.workspace())) {
                handOver(run.workspace());
            }
            return execute(commandLine(run, programDir), run, cancellation);
        } catch (IOException e) {
            throw new UnavailableException("sandbox.start_failed", "the sandbox could not be prepared on this node");
        } finally {
            if (programDir != null) {
                deleteQuietly(programDir);
            }
        }
    }

    /**
     * The full command line. A root node: {@code bwrap} (mount, PID, IPC, UTS, cgroup and network
     * namespaces, every capability dropped but the two {@code setpriv} needs) → {@code setpriv} to
     * the sandbox user with no capabilities and no new privileges → {@code unshare} into a user
     * namespace → {@code prlimit} → program. A non-root node: {@code bwrap --unshare-all} (with a
     * user namespace) → {@code prlimit} → program.
     */
    List<String> commandLine(SandboxRun run, Path programDir) {
        List<String> args = new ArrayList<>();
        args.add(settings.bwrap().toString());
        if (root) {
            args.addAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try"));
            if (!run.network()) {
                args.add("--unshare-net");
            }
            args.addAll(List.of("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"));
        } else {
            args.addAll(List.of("--unshare-all", "--unshare-user", "--uid", String.valueOf(INSIDE_UID),
                    "--gid", String.valueOf(INSIDE_UID), "--cap-drop", "ALL"));
            if (run.network()) {
                args.add("--share-net");
            }
        }
        args.addAll(List.of("--die-with-parent", "--new-session", "--hostname", "sandbox"));
        args.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String entry : ROOT_ENTRIES) {
            Path host = Path.of("/", entry);
            if (Files.isSymbolicLink(host)) {
                args.addAll(List.of("--symlink", linkTarget(host), host.toString()));
            } else if (Files.isDirectory(host)) {
                args.addAll(List.of("--ro-bind", host.toString(), host.toString()));
            }
        }
        for (Path extra : settings.extraReadOnlyPaths()) {
            args.addAll(List.of("--ro-bind-try", extra.toString(), extra.toString()));
        }
        List<String> etc = new ArrayList<>(ETC_FILES);
        if (run.network()) {
            etc.addAll(ETC_NETWORK_FILES);
        }
        for (String name : etc) {
            args.addAll(List.of("--ro-bind-try", "/etc/" + name, "/etc/" + name));
        }
        args.addAll(List.of("--ro-bind", programDir.resolve(".passwd").toString(), "/etc/passwd",
                "--ro-bind", programDir.resolve(".group").toString(), "/etc/group"));
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--ro-bind", programDir.toString(), SandboxRun.PROGRAM_DIR,
                "--bind", run.workspace().toString(), "/workspace"));
        // The tool-call socket (see SandboxToolSocket): a Unix socket needs no network namespace.
        // bwrap creates /run as 0700 for itself; the program's user must be able to pass through it.
        run.toolSocketDirectory().ifPresent(dir -> args.addAll(List.of("--perms", "0755", "--dir", "/run",
                "--bind", dir.toString(), SandboxToolSocket.INSIDE_DIRECTORY)));
        args.addAll(List.of("--remount-ro", "/",
                "--chdir", root ? "/" : "/workspace",
                "--clearenv", "--setenv", "PATH", PATH, "--setenv", "HOME", "/workspace", "--setenv", "TMPDIR", "/tmp",
                "--setenv", "LANG", "C.UTF-8", "--setenv", "USER", "agent", "--setenv", "PYTHONDONTWRITEBYTECODE", "1"));
        run.toolSocketDirectory().ifPresent(dir -> args.addAll(List.of("--setenv", "AEGIS_TOOLS_SOCKET",
                SandboxToolSocket.INSIDE_DIRECTORY + "/" + SandboxToolSocket.SOCKET_NAME)));
        args.add("--");
        if (root) {
            args.addAll(List.of(settings.setpriv().toString(), "--reuid=" + settings.sandboxUid(),
                    "--regid=" + settings.sandboxGid(), "--clear-groups", "--no-new-privs", "--inh-caps=-all",
                    "--bounding-set=-all", "--",
                    settings.unshare().toString(), "--user", "--map-user=" + INSIDE_UID, "--map-group=" + INSIDE_UID,
                    "--wd=/workspace",
                    "--"));
        }
        SandboxLimits limits = run.limits();
        args.addAll(List.of(settings.prlimit().toString(),
                "--as=" + limits.memoryBytes(),
                "--cpu=" + Math.max(1, limits.cpuTime().toSeconds()),
                "--nproc=" + limits.maxProcesses(),
                "--fsize=" + limits.maxFileBytes(),
                "--nofile=" + limits.maxOpenFiles(),
                "--core=0",
                "--"));
        args.addAll(run.command());
        return args;
    }

    private SandboxResult execute(List<String> commandLine, SandboxRun run, CancellationSignal cancellation)
            throws IOException {
        long started = System.nanoTime();
        long limitNanos = run.timeLimit().toNanos();
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        builder.environment().clear();
        builder.environment().put("PATH", PATH);
        Process process = builder.start();
        Capture stdout = new Capture(process.getInputStream(), run.limits().maxOutputBytes(), "sandbox-stdout");
        Capture stderr = new Capture(process.getErrorStream(), run.limits().maxOutputBytes(), "sandbox-stderr");
        feed(process.getOutputStream(), run.stdin());
        SandboxResult.Termination termination = SandboxResult.Termination.EXITED;
        try {
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    termination = SandboxResult.Termination.CANCELLED;
                    break;
                }
                if (System.nanoTime() - started >= limitNanos) {
                    termination = SandboxResult.Termination.TIME_LIMIT;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            termination = SandboxResult.Termination.CANCELLED;
        }
        if (termination != SandboxResult.Termination.EXITED) {
            killTree(process);
        }
        int exit = waitForExit(process);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LOG.debug("sandboxed run ended: {} exit {} after {} ms", termination, exit, elapsed.toMillis());
        return new SandboxResult(termination, exit, stdout.text(), stderr.text(), stdout.truncated(), stderr.truncated(),
                elapsed);
    }

    private static int waitForExit(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                killTree(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
        }
        return process.isAlive() ? 137 : process.exitValue();
    }

    /** Kills {@code bwrap} and everything below it; the descendants are listed first, before they are re-parented. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants;
        try (Stream<ProcessHandle> stream = process.descendants()) {
            descendants = stream.toList();
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void feed(OutputStream stdin, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            try (OutputStream out = stdin) {
                out.write(bytes);
            } catch (IOException e) {
                LOG.debug("the sandboxed program closed its standard input early");
            }
        }, "sandbox-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    private void writeProgram(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.writeString(dir.resolve(".passwd"), "agent:x:" + INSIDE_UID + ":" + INSIDE_UID
                + ":agent:/workspace:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        Files.writeString(dir.resolve(".group"), "agent:x:" + INSIDE_UID + ":\nnogroup:x:65534:\n");
        for (String name : List.of(".passwd", ".group")) {
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private boolean ownedBySandboxUser(Path workspace) throws IOException {
        return ((Integer) Files.getAttribute(workspace, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == settings.sandboxUid();
    }

    /** A root node gives the workspace to the sandbox user so that the unprivileged program can write it. */
    private void handOver(Path workspace) throws IOException {
        try (Stream<Path> paths = Files.walk(workspace)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", settings.sandboxUid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", settings.sandboxGid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("could not remove a sandbox program file");
                }
            });
        } catch (IOException e) {
            LOG.debug("could not remove a sandbox program directory");
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UnavailableException("sandbox.start_failed", "the sandbox could not read the system directory " + link);
        }
    }

    private static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Reads a stream to its end on its own thread, keeping at most {@code cap} bytes. */
    private static final class Capture {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread reader;
        private final int cap;
        private volatile boolean truncated;

        Capture(InputStream in, int cap, String name) {
            this.cap = cap;
            this.reader = new Thread(() -> drain(in), name);
            reader.setDaemon(true);
            reader.start();
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (InputStream stream = in) {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException e) {
                LOG.debug("sandbox output stream closed");
            }
        }

        String text() {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        boolean truncated() {
            return truncated;
        }
    }
}
