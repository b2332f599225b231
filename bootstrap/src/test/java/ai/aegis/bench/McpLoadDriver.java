package ai.aegis.bench;

import ai.aegis.bootstrap.McpHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A closed-loop load driver for a running {@code aegis serve}: N MCP sessions over Streamable
 * HTTP, each on its own thread and connection, each sending one request after the other through
 * the full edge (origin and protocol filters, bearer verification with its cache, SEAL issue,
 * session binding, conversation filter, the SDK, the visibility decision). Measures
 * {@code tools/list} and a cheap read-only {@code tools/call} ({@code aegis.tools.list}) and
 * reports requests per second and the p50/p99 latency of each. The driver runs on the same
 * machine as the server, so its own CPU use counts against the server's.
 *
 * <p>Usage: {@code McpLoadDriver BASE_URL TOKENS [SECONDS_PER_STEP] [SESSIONS...]}, e.g.
 * {@code http://127.0.0.1:8080 "$TOKEN" 10 1 8 64}. {@code TOKENS} is one bearer token, or
 * {@code @file} with one token per line: session {@code i} uses token {@code i mod n}, so many
 * users (tenants) can be simulated instead of one user with many sessions.
 *
 * <p>System properties: {@code -Dmcp.load.methods=list,call} picks the requests measured (default
 * both); {@code -Dmcp.load.client=raw} drives the sessions with {@link RawHttpLoop} (one thread,
 * hand-built HTTP/1.1) instead of one {@link HttpClient} thread per session, so that the driver
 * takes far less of the CPU it shares with the server; {@code -Dmcp.load.serverPid=PID} adds the server's CPU time per request (read from
 * {@code /proc/PID/stat}) and the driver's own, so that a latency bound by the two processes
 * sharing the cores can be told apart from one spent waiting inside the server; with it, the time
 * the server's and the driver's threads spent runnable but waiting for a core (from each thread's
 * {@code /proc/PID/task/TID/schedstat}), per request.
 */
public final class McpLoadDriver {

    private static final Logger LOG = LoggerFactory.getLogger(McpLoadDriver.class);

    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/list\"}";
    private static final String TOOLS_CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"aegis.tools.list\",\"arguments\":{\"family\":\"task\"}}}";

    private McpLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: McpLoadDriver BASE_URL TOKEN [SECONDS_PER_STEP] [SESSIONS...]");
        }
        String base = args[0];
        List<String> tokens = args[1].startsWith("@")
                ? java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1].substring(1))).stream()
                        .map(String::trim).filter(line -> !line.isEmpty()).toList()
                : List.of(args[1]);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int[] sessionCounts = args.length > 3
                ? Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 8, 64};
        List<String> methods = List.of(System.getProperty("mcp.load.methods", "list,call").split(","));
        String serverPid = System.getProperty("mcp.load.serverPid");
        LOG.info("| method | sessions | requests/s | p50 ms | p99 ms | errors | server CPU µs/req | driver CPU µs/req "
                + "| p90 ms | p99.9 ms | max ms | server run-queue wait µs/req | driver run-queue wait µs/req |");
        LOG.info("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String method : List.of("tools/list", "tools/call aegis.tools.list")) {
            if (!methods.contains(method.equals("tools/list") ? "list" : "call")) {
                continue;
            }
            String template = method.equals("tools/list") ? TOOLS_LIST : TOOLS_CALL;
            for (int sessions : sessionCounts) {
                run(base, tokens, template, sessions, 2);
                long serverCpu = serverCpuNanos(serverPid);
                long driverCpu = driverCpuNanos();
                long serverWait = runQueueWaitNanos(serverPid);
                long driverWait = runQueueWaitNanos("self");
                Result result = run(base, tokens, template, sessions, seconds);
                long requests = Math.max(1, result.requests);
                double serverMicros = serverPid == null ? Double.NaN
                        : (serverCpuNanos(serverPid) - serverCpu) / 1_000.0 / requests;
                double driverMicros = (driverCpuNanos() - driverCpu) / 1_000.0 / requests;
                double serverWaitMicros = serverPid == null ? Double.NaN
                        : (runQueueWaitNanos(serverPid) - serverWait) / 1_000.0 / requests;
                double driverWaitMicros = (runQueueWaitNanos("self") - driverWait) / 1_000.0 / requests;
                LOG.info(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.0f | %.0f |",
                        method, sessions, result.requests / (double) seconds, result.percentile(50),
                        result.percentile(99), result.errors, serverMicros, driverMicros, result.percentile(90),
                        result.percentile(99.9), result.percentile(100), serverWaitMicros, driverWaitMicros));
            }
        }
    }

    /** User plus system CPU time of another process, from {@code /proc/PID/stat} (clock ticks of 10 ms). */
    private static long serverCpuNanos(String pid) throws java.io.IOException {
        if (pid == null) {
            return 0;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name: state is field 0, utime field 11, stime field 12.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    /**
     * Time the process's threads spent runnable but waiting for a core (second field of each
     * thread's {@code /proc/PID/task/TID/schedstat}); 0 where the kernel does not keep it. Threads
     * that end between two readings take their share with them.
     */
    private static long runQueueWaitNanos(String pid) {
        if (pid == null) {
            return 0;
        }
        long total = 0;
        java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
        if (tasks == null) {
            return 0;
        }
        for (java.io.File task : tasks) {
            try {
                String[] fields = java.nio.file.Files.readString(task.toPath().resolve("schedstat")).trim().split(" ");
                total += Long.parseLong(fields[1]);
            } catch (java.io.IOException | RuntimeException gone) {
                // The thread ended while being read.
            }
        }
        return total;
    }

    private static long driverCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private record Result(long[] latenciesNanos, long requests, long errors) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, index)] / 1_000_000.0;
        }
    }

    private static Result run(String base, List<String> tokens, String template, int sessions, int seconds)
            throws Exception {
        if ("raw".equals(System.getProperty("mcp.load.client", "jdk"))) {
            return runRaw(base, tokens, template, sessions, seconds);
        }
        ExecutorService threads = Executors.newFixedThreadPool(sessions);
        CountDownLatch ready = new CountDownLatch(sessions);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> futures = new ArrayList<>();
        long[] errors = new long[sessions];
        for (int s = 0; s < sessions; s++) {
            int me = s;
            String token = tokens.get(s % tokens.size());
            futures.add(threads.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                String session = McpHttp.open(http, base, token, "load");
                ready.countDown();
                go.await();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                long[] samples = new long[1 << 16];
                int n = 0;
                for (int id = 10; System.nanoTime() < end; id++) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(McpHttp.post(base, token, session, String.format(template, id)),
                            HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - started;
                    if (response.statusCode() != 200 || !response.body().contains("\"result\"")) {
                        errors[me]++;
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = took;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        ready.await();
        go.countDown();
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        threads.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged, merged.length, Arrays.stream(errors).sum());
    }

    /** The same closed loops on {@link RawHttpLoop}: sessions opened with HttpClient, then one thread drives them all. */
    private static Result runRaw(String base, List<String> tokens, String template, int sessions, int seconds)
            throws Exception {
        URI uri = URI.create(base);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> heads = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String token = tokens.get(s % tokens.size());
            String session = McpHttp.open(http, base, token, "load");
            heads.add("POST /mcp/v1 HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nMcp-Session-Id: " + session + "\r\n"
                    + "MCP-Protocol-Version: 2025-06-18\r\n");
        }
        long[][] outcome = RawHttpLoop.run(uri, heads, id -> String.format(template, id), seconds);
        long[] latencies = outcome[0];
        Arrays.sort(latencies);
        return new Result(latencies, latencies.length, outcome[1][0]);
    }
}
