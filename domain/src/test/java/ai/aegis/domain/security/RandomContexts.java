package ai.aegis.domain.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random security contexts and tool requests over small pools, so that overlaps are frequent. */
public final class RandomContexts {

    static final String[] PATTERNS = {"*", "fs.*", "fs.read", "fs.write", "cmd.run", "cmd.*", "web.*", "web.fetch",
        "web.search", "aegis.*", "aegis.agent.*", "aegis.agent.list", "aegis.agent.create"};
    static final String[] PATHS = {"/", "/workspace", "/workspace/src", "/workspace2", "/etc", "/workspace/src/lib"};
    static final String[] COMMANDS = {"python3", "git", "bash"};
    static final String[] DOMAINS = {"example.com", "api.example.com", "badexample.com", "org"};
    static final long[] SIZES = {10, 1000, 100_000};
    static final String[] TOOLS = {"fs.read", "fs.write", "fs.delete", "cmd.run", "web.fetch", "web.search",
        "aegis.agent.list", "aegis.agent.create", "aegis.task.execute", "other.tool"};
    static final String[] REQUEST_PATHS = {"/workspace/src/a.py", "/workspace/../etc/passwd", "/workspace2/x", "/etc/hosts",
        "/workspace", "/workspace/src/lib/x", "relative/path", "/tmp/x"};
    static final String[] REQUEST_COMMANDS = {"python3 main.py", "git status", "bash -c x", "curl http://x"};
    static final String[] REQUEST_DOMAINS = {"example.com", "deep.api.example.com", "api.example.com", "badexample.com",
        "other.org", "EXAMPLE.COM."};

    private RandomContexts() {
    }

    public static SecurityContext context(Random random, String name) {
        List<Capability> capabilities = new ArrayList<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            capabilities.add(capability(random, PATTERNS[random.nextInt(PATTERNS.length)]));
        }
        List<ToolPattern> deny = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            deny.add(ToolPattern.of(PATTERNS[1 + random.nextInt(PATTERNS.length - 1)]));
        }
        return SecurityContext.of(SecurityContextName.of(name), capabilities, deny);
    }

    private static Capability capability(Random random, String pattern) {
        Capability capability = Capability.of(pattern);
        if (random.nextBoolean()) {
            capability = capability.withPathAllowlist(pick(random, PATHS));
        }
        if (random.nextInt(3) == 0) {
            capability = capability.withCommandAllowlist(pick(random, COMMANDS));
        }
        if (random.nextInt(3) == 0) {
            capability = capability.withDomainAllowlist(pick(random, DOMAINS));
        }
        if (random.nextInt(3) == 0) {
            capability = capability.withMaxResponseSize(SIZES[random.nextInt(SIZES.length)]);
        }
        return capability;
    }

    /** A context derived from {@code parent} by dropping and narrowing, so that it often fits under it. */
    public static SecurityContext narrowed(Random random, SecurityContext parent, String name) {
        List<Capability> capabilities = new ArrayList<>();
        for (Capability capability : parent.capabilities()) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            Capability child = capability;
            if (random.nextInt(3) == 0) {
                child = new Capability(child.toolPattern(), child.pathAllowlist()
                        .map(paths -> paths.isEmpty() ? paths : paths.subList(0, 1))
                        .or(() -> java.util.Optional.of(List.of(AbsolutePath.parse("/workspace/src")))),
                        child.commandAllowlist(), child.domainAllowlist(), child.maxResponseSize());
            }
            capabilities.add(child);
        }
        List<ToolPattern> deny = new ArrayList<>(parent.denyList());
        if (random.nextInt(4) == 0) {
            deny.add(ToolPattern.of(PATTERNS[1 + random.nextInt(PATTERNS.length - 1)]));
        }
        return SecurityContext.of(SecurityContextName.of(name), capabilities, deny);
    }

    public static List<ToolRequest> allRequests() {
        List<ToolRequest> requests = new ArrayList<>();
        for (String tool : TOOLS) {
            requests.add(ToolRequest.of(tool));
            for (String path : REQUEST_PATHS) {
                requests.add(ToolRequest.of(tool).withPath(path));
            }
            for (String command : REQUEST_COMMANDS) {
                requests.add(ToolRequest.of(tool).withCommand(command));
            }
            for (String domain : REQUEST_DOMAINS) {
                requests.add(ToolRequest.of(tool).withDomain(domain));
                for (long size : new long[] {5, 500, 50_000, 5_000_000}) {
                    requests.add(ToolRequest.of(tool).withDomain(domain).withResponseSize(size));
                }
            }
        }
        return requests;
    }

    private static String[] pick(Random random, String[] pool) {
        List<String> chosen = new ArrayList<>();
        for (String value : pool) {
            if (random.nextBoolean()) {
                chosen.add(value);
            }
        }
        return chosen.toArray(new String[0]);
    }
}
