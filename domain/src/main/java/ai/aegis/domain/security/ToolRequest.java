package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request to call one tool, reduced to what policy decides on: the tool name and, when the call
 * involves them, the file path, the command line, the domain (host) and the response size. An
 * absent value means the call does not involve that dimension.
 *
 * <p>Values are kept as given; {@link SecurityContext#decide} parses and normalises them and
 * refuses malformed ones with a reason.
 */
public record ToolRequest(
        String toolName,
        Optional<String> path,
        Optional<String> command,
        Optional<String> domain,
        OptionalLong responseSize) {

    public ToolRequest {
        if (toolName == null || toolName.isEmpty()) {
            throw new InvalidInputException("tool.missing_name", "the tool name is missing");
        }
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(responseSize, "responseSize");
    }

    /** A call of {@code toolName} involving no path, command, domain or response size. */
    public static ToolRequest of(String toolName) {
        return new ToolRequest(toolName, Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    public ToolRequest withPath(String value) {
        return new ToolRequest(toolName, Optional.of(value), command, domain, responseSize);
    }

    public ToolRequest withCommand(String value) {
        return new ToolRequest(toolName, path, Optional.of(value), domain, responseSize);
    }

    public ToolRequest withDomain(String value) {
        return new ToolRequest(toolName, path, command, Optional.of(value), responseSize);
    }

    /**
     * This request with the host of {@code url} as its domain.
     *
     * @throws InvalidInputException when the URL has no host
     */
    public ToolRequest withUrl(String url) {
        String host = null;
        try {
            host = url == null ? null : new URI(url.trim()).getHost();
        } catch (URISyntaxException e) {
            throw new InvalidInputException("policy.invalid_url", "URL " + AbsolutePath.quote(url) + " is not valid", e);
        }
        if (host == null || host.isEmpty()) {
            throw new InvalidInputException("policy.invalid_url", "URL " + AbsolutePath.quote(url) + " has no host");
        }
        return withDomain(host);
    }

    public ToolRequest withResponseSize(long bytes) {
        return new ToolRequest(toolName, path, command, domain, OptionalLong.of(bytes));
    }

    /** The program being run: the first word of the command line, if a command is involved. */
    public Optional<String> program() {
        return command.map(String::trim).map(line -> line.split("\\s+", 2)[0]);
    }
}
