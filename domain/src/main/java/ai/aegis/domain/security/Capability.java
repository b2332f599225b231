package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One grant of a security context: the tools it covers ({@link ToolPattern}) and, optionally,
 * the paths, commands and domains those tools may touch and the largest response they may return.
 *
 * <p>An absent allowlist means the capability does not restrict that dimension; a present but empty
 * allowlist allows nothing in that dimension. A request that does not involve a dimension (no path,
 * no command, no domain, no response size) is never refused on it.
 *
 * <p>Commands are matched on the program, the first word of the command line, exactly: {@code python3}
 * allows {@code python3 main.py} but not {@code /usr/bin/python3}.
 */
public record Capability(
        ToolPattern toolPattern,
        Optional<List<AbsolutePath>> pathAllowlist,
        Optional<List<String>> commandAllowlist,
        Optional<List<DomainName>> domainAllowlist,
        OptionalLong maxResponseSize) {

    public Capability {
        Objects.requireNonNull(toolPattern, "toolPattern");
        pathAllowlist = Objects.requireNonNull(pathAllowlist, "pathAllowlist").map(List::copyOf);
        commandAllowlist = Objects.requireNonNull(commandAllowlist, "commandAllowlist").map(List::copyOf);
        domainAllowlist = Objects.requireNonNull(domainAllowlist, "domainAllowlist").map(List::copyOf);
        Objects.requireNonNull(maxResponseSize, "maxResponseSize");
        commandAllowlist.ifPresent(commands -> commands.forEach(Capability::requireProgram));
        if (maxResponseSize.isPresent() && maxResponseSize.getAsLong() <= 0) {
            throw new InvalidInputException("policy.invalid_response_size",
                    "max response size must be a positive number of bytes");
        }
    }

    /** A capability for the tools matching {@code toolPattern}, with no further restriction. */
    public static Capability of(String toolPattern) {
        return new Capability(ToolPattern.of(toolPattern), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty());
    }

    /** This capability restricted to the given absolute paths (normalised). */
    public Capability withPathAllowlist(String... paths) {
        List<AbsolutePath> parsed = new ArrayList<>();
        for (String path : paths) {
            parsed.add(AbsolutePath.parse(path));
        }
        return new Capability(toolPattern, Optional.of(parsed), commandAllowlist, domainAllowlist, maxResponseSize);
    }

    /** This capability restricted to the given programs. */
    public Capability withCommandAllowlist(String... programs) {
        return new Capability(toolPattern, pathAllowlist, Optional.of(List.of(programs)), domainAllowlist,
                maxResponseSize);
    }

    /** This capability restricted to the given domains and their subdomains. */
    public Capability withDomainAllowlist(String... domains) {
        List<DomainName> parsed = new ArrayList<>();
        for (String domain : domains) {
            parsed.add(DomainName.parse(domain));
        }
        return new Capability(toolPattern, pathAllowlist, commandAllowlist, Optional.of(parsed), maxResponseSize);
    }

    /** This capability limited to responses of at most {@code bytes}. */
    public Capability withMaxResponseSize(long bytes) {
        return new Capability(toolPattern, pathAllowlist, commandAllowlist, domainAllowlist, OptionalLong.of(bytes));
    }

    /** True when the tool falls under this capability's pattern. */
    public boolean matches(String toolName) {
        return toolPattern.matches(toolName);
    }

    /** True when {@code path} lies inside one of the allowed paths (or paths are unrestricted). */
    public boolean allowsPath(AbsolutePath path) {
        return pathAllowlist.map(allowed -> allowed.stream().anyMatch(path::isWithin)).orElse(true);
    }

    /** True when {@code program} is in the command allowlist (or commands are unrestricted). */
    public boolean allowsCommand(String program) {
        return commandAllowlist.map(allowed -> allowed.contains(program)).orElse(true);
    }

    /** True when {@code host} is an allowed domain or one of its subdomains (or domains are unrestricted). */
    public boolean allowsDomain(DomainName host) {
        return domainAllowlist.map(allowed -> allowed.stream().anyMatch(host::isWithin)).orElse(true);
    }

    /** True when a response of {@code bytes} fits (or response size is unrestricted). */
    public boolean allowsResponseSize(long bytes) {
        return maxResponseSize.isEmpty() || bytes <= maxResponseSize.getAsLong();
    }

    static void requireProgram(String program) {
        if (program == null || program.isEmpty() || program.length() > 255) {
            throw new InvalidInputException("policy.invalid_command", "a command allowlist entry must be a program name");
        }
        for (int i = 0; i < program.length(); i++) {
            char c = program.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidInputException("policy.invalid_command",
                        "a command allowlist entry must be a single program name without spaces");
            }
        }
    }

    @Override
    public String toString() {
        return toolPattern.value();
    }
}
