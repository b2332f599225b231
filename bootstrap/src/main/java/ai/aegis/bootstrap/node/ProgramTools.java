package ai.aegis.bootstrap.node;

import ai.aegis.application.port.out.WebPage;
import ai.aegis.application.port.out.WebPagePort;
import ai.aegis.application.port.out.WebPageRequest;
import ai.aegis.application.port.out.WebSearchPort;
import ai.aegis.application.port.out.WebSearchResult;
import ai.aegis.application.service.WebService;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a sandboxed program's tool calls do on the local node once SEAL has verified and allowed
 * them (so the execution's security context already admitted the tool, path, command or domain):
 * {@code fs.*} on the workspace ({@link WorkspaceTools}), {@code cmd.run} as an argument vector in a
 * fresh sandbox on the same workspace, {@code web.fetch} under the granting capability's domain
 * allow-list and size cap (re-applied to every redirect, public addresses only), and {@code web.search}.
 */
final class ProgramTools {

    /** The longest one {@code cmd.run} may take, whatever is left of the execution's deadline. */
    static final Duration COMMAND_TIME_LIMIT = Duration.ofSeconds(60);

    /** The most results one {@code web.search} returns. */
    static final int MAX_SEARCH_RESULTS = 10;

    private final AgentJob job;
    private final SecurityContext context;
    private final WorkspaceTools files;
    private final LocalNode node;
    private final WebPagePort pages;
    private final WebSearchPort search;
    private final Supplier<Instant> now;

    ProgramTools(AgentJob job, SecurityContext context, LocalNode node, WebPagePort pages, WebSearchPort search,
            Supplier<Instant> now) {
        this.job = Objects.requireNonNull(job, "job");
        this.context = Objects.requireNonNull(context, "context");
        this.files = new WorkspaceTools(job.workspace());
        this.node = Objects.requireNonNull(node, "node");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.search = Objects.requireNonNull(search, "search");
        this.now = Objects.requireNonNull(now, "now");
    }

    /** Runs an allowed call; answers its result as a JSON-ready map. */
    Map<String, Object> run(String tool, Map<String, Object> arguments) {
        if (tool.startsWith("fs.")) {
            return files.run(tool, arguments);
        }
        switch (tool) {
            case "cmd.run":
                return command(text(arguments, "command"));
            case "web.fetch":
                return fetch(text(arguments, "url"));
            case "web.search":
                return search(text(arguments, "query"), arguments.get("limit"));
            default:
                throw new PreconditionFailedException("node.tool_not_offered", tool + " is not offered to programs on"
                        + " this node; it runs fs.read, fs.write, fs.list, fs.delete, cmd.run, web.fetch and web.search");
        }
    }

    private Map<String, Object> command(String line) {
        List<String> words = Arrays.stream(line.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
        if (words.isEmpty()) {
            throw new InvalidInputException("cmd.empty", "the command is empty; give a program and its arguments");
        }
        Duration left = Duration.between(now.get(), job.deadline());
        if (left.isNegative() || left.isZero()) {
            throw new PreconditionFailedException("cmd.deadline_passed", "the execution's deadline has passed");
        }
        List<String> argv = new ArrayList<>();
        // env finds the program on the sandbox's PATH, as a shell would, without a shell reading the line.
        argv.add("/usr/bin/env");
        argv.addAll(words);
        SandboxResult result = node.runCommand(job, argv, left.compareTo(COMMAND_TIME_LIMIT) < 0 ? left
                : COMMAND_TIME_LIMIT);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("exit_code", result.exitCode());
        answer.put("stdout", result.stdout());
        answer.put("stderr", result.stderr());
        answer.put("truncated", result.stdoutTruncated() || result.stderrTruncated());
        answer.put("ended", result.termination().name().toLowerCase(Locale.ROOT));
        return answer;
    }

    private Map<String, Object> fetch(String text) {
        URI url = WebService.parseHttpUrl(text);
        Capability granting = context.grantingCapability("web.fetch").orElseThrow(() -> new AccessDeniedException(
                "policy.no_capability", "the execution's security context does not grant web.fetch"));
        WebPage page = pages.fetch(new WebPageRequest(url, granting.domainAllowlist(), granting.maxResponseSize()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", page.url().toString());
        answer.put("final_url", page.finalUrl().toString());
        answer.put("status", page.status());
        answer.put("content_type", page.contentType());
        page.title().ifPresent(title -> answer.put("title", title));
        answer.put("content", page.content());
        return answer;
    }

    private Map<String, Object> search(String query, Object limitArgument) {
        int limit = MAX_SEARCH_RESULTS;
        if (limitArgument instanceof Number number) {
            limit = Math.max(1, Math.min(MAX_SEARCH_RESULTS, number.intValue()));
        }
        List<WebSearchResult> found = search.search(query, limit);
        List<Map<String, Object>> results = new ArrayList<>();
        for (WebSearchResult result : found.subList(0, Math.min(limit, found.size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("title", result.title());
            entry.put("url", result.url().toString());
            entry.put("snippet", result.snippet());
            results.add(entry);
        }
        return Map.of("results", results);
    }

    private static String text(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new InvalidInputException("tool.argument_missing", "the argument '" + name + "' (text) is missing");
        }
        return text;
    }
}
