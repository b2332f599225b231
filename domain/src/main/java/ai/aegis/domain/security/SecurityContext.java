package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A named SEAL security context: an ordered list of capabilities and a deny list of tool patterns.
 *
 * <p>Decision order ({@link #decide}): a tool matching any deny-list entry is denied; otherwise the
 * <em>first</em> capability whose tool pattern matches decides, by checking its allowlists against
 * the request (later capabilities are never consulted); with no matching capability the call is
 * denied by default. Every decision carries the reason.
 *
 * <p>Ceiling ({@link #exceedsCeilingOf}): this context fits under a parent context when every call
 * it allows is also allowed by the parent. Whether a tool is granted, and by which capability,
 * depends only on which patterns match its name, so the check walks one representative tool for
 * every pattern of either context (the exact name, or a name just below a {@code prefix.*} that no
 * other pattern singles out). For each representative this context grants, the parent must grant it
 * too (else dimension {@code tools}), and the capability deciding it here must be no broader than
 * the one deciding it in the parent: every allowed path inside a parent path, commands a subset,
 * every domain under a parent domain, a response cap no larger; an absent parent allowlist is
 * unrestricted and an absent child allowlist is broader than any present parent one (dimensions
 * {@code paths}, {@code commands}, {@code domains}, {@code response_size}). Identical contexts
 * always fit; the allowlist comparison may refuse an exotic child that is in fact narrower
 * (for example one path allowlist split across two capabilities), never accept a broader one.
 */
public record SecurityContext(SecurityContextName name, List<Capability> capabilities, List<ToolPattern> denyList) {

    public SecurityContext {
        Objects.requireNonNull(name, "name");
        capabilities = List.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
        denyList = List.copyOf(Objects.requireNonNull(denyList, "denyList"));
        if (capabilities.size() > 1000 || denyList.size() > 1000) {
            throw new InvalidInputException("policy.too_large", "a security context holds at most 1000 entries per list");
        }
    }

    public static SecurityContext of(SecurityContextName name, List<Capability> capabilities, List<ToolPattern> denyList) {
        return new SecurityContext(name, capabilities, denyList);
    }

    /** This context under another name (for deriving child contexts). */
    public SecurityContext renamed(SecurityContextName newName) {
        return new SecurityContext(newName, capabilities, denyList);
    }

    /** Decides one tool call: deny list, then the first matching capability, then deny by default. */
    public PolicyDecision decide(ToolRequest request) {
        String tool = request.toolName();
        for (ToolPattern denied : denyList) {
            if (denied.matches(tool)) {
                return PolicyDecision.deny("policy.deny_list",
                        "tool " + tool + " is denied by deny list entry " + denied + " of context " + name);
            }
        }
        Optional<Capability> first = capabilities.stream().filter(c -> c.matches(tool)).findFirst();
        if (first.isEmpty()) {
            return PolicyDecision.deny("policy.no_capability",
                    "no capability of context " + name + " grants tool " + tool);
        }
        Capability capability = first.get();
        if (request.path().isPresent()) {
            String raw = request.path().get();
            AbsolutePath path;
            try {
                path = AbsolutePath.parse(raw);
            } catch (InvalidInputException e) {
                return PolicyDecision.deny("policy.path_invalid",
                        "path " + AbsolutePath.quote(raw) + " is not an absolute path, so tool " + tool + " may not use it");
            }
            if (!capability.allowsPath(path)) {
                return PolicyDecision.deny("policy.path_outside", "path " + path + " is outside the allowed paths of capability "
                        + capability + " (" + join(capability.pathAllowlist().orElse(List.of())) + ")");
            }
        }
        Optional<String> program = request.program();
        if (program.isPresent() && !capability.allowsCommand(program.get())) {
            return PolicyDecision.deny("policy.command_not_allowed", "command " + AbsolutePath.quote(program.get())
                    + " is not in the command allowlist of capability " + capability
                    + " (" + join(capability.commandAllowlist().orElse(List.of())) + ")");
        }
        if (request.domain().isPresent()) {
            String raw = request.domain().get();
            DomainName host;
            try {
                host = DomainName.parse(raw);
            } catch (InvalidInputException e) {
                return PolicyDecision.deny("policy.domain_invalid",
                        "domain " + AbsolutePath.quote(raw) + " is not a DNS host name, so tool " + tool + " may not use it");
            }
            if (!capability.allowsDomain(host)) {
                return PolicyDecision.deny("policy.domain_not_allowed", "domain " + host
                        + " is not in the domain allowlist of capability " + capability
                        + " (" + join(capability.domainAllowlist().orElse(List.of())) + ")");
            }
        }
        if (request.responseSize().isPresent() && !capability.allowsResponseSize(request.responseSize().getAsLong())) {
            return PolicyDecision.deny("policy.response_too_large", "a response of " + request.responseSize().getAsLong()
                    + " bytes is larger than the " + capability.maxResponseSize().getAsLong()
                    + " bytes capability " + capability + " allows");
        }
        return PolicyDecision.allow("policy.allowed", "tool " + tool + " is granted by capability " + capability
                + " of context " + name);
    }

    /** Shorthand for {@code decide(ToolRequest.of(toolName))}. */
    public PolicyDecision decide(String toolName) {
        return decide(ToolRequest.of(toolName));
    }

    /**
     * The first way this context is broader than {@code parent}, or empty when it fits under it.
     * See the class documentation for the exact subset semantics.
     */
    public Optional<CeilingViolation> exceedsCeilingOf(SecurityContext parent) {
        for (String tool : representativeTools(parent)) {
            Optional<Capability> mine = grantingCapability(tool);
            if (mine.isEmpty()) {
                continue;
            }
            Optional<Capability> theirs = parent.grantingCapability(tool);
            if (theirs.isEmpty()) {
                return Optional.of(new CeilingViolation(CeilingDimension.TOOLS, "capability " + mine.get() + " of context "
                        + name + " grants " + describe(tool) + ", which its parent context " + parent.name
                        + " does not grant"));
            }
            Optional<CeilingViolation> broader = broaderAllowlist(mine.get(), theirs.get(), parent.name);
            if (broader.isPresent()) {
                return broader;
            }
        }
        return Optional.empty();
    }

    /**
     * The capability that decides {@code tool} (the first that matches it), or empty when the deny
     * list or default deny refuses it. Its path, command and domain allow-lists and response-size cap
     * are the ones that apply to a call of {@code tool}, also to what the call does afterwards (the
     * redirects of a web fetch, say).
     */
    public Optional<Capability> grantingCapability(String tool) {
        if (denyList.stream().anyMatch(denied -> denied.matches(tool))) {
            return Optional.empty();
        }
        return capabilities.stream().filter(c -> c.matches(tool)).findFirst();
    }

    /**
     * One tool name per pattern of either context. {@code ?} never occurs in a real tool name, so
     * {@code prefix.?} stands for the tools under {@code prefix.*} that no other pattern names.
     */
    private Set<String> representativeTools(SecurityContext parent) {
        Set<String> tools = new LinkedHashSet<>();
        List<ToolPattern> patterns = new ArrayList<>();
        capabilities.forEach(c -> patterns.add(c.toolPattern()));
        patterns.addAll(denyList);
        parent.capabilities.forEach(c -> patterns.add(c.toolPattern()));
        patterns.addAll(parent.denyList);
        for (ToolPattern pattern : patterns) {
            String value = pattern.value();
            tools.add(pattern.isWildcard() || pattern.isPrefix() ? value.substring(0, value.length() - 1) + "?" : value);
        }
        return tools;
    }

    private static String describe(String representative) {
        if (representative.equals("?")) {
            return "every tool";
        }
        if (representative.endsWith(".?")) {
            return "the tools matching " + representative.substring(0, representative.length() - 1) + "*";
        }
        return "tool " + representative;
    }

    private Optional<CeilingViolation> broaderAllowlist(Capability child, Capability parent, SecurityContextName parentName) {
        String against = " than capability " + parent + " of parent context " + parentName;
        if (parent.pathAllowlist().isPresent()) {
            List<AbsolutePath> allowed = parent.pathAllowlist().get();
            if (child.pathAllowlist().isEmpty()) {
                return violation(CeilingDimension.PATHS, child, "allows every path, which is broader" + against
                        + " (" + join(allowed) + ")");
            }
            for (AbsolutePath path : child.pathAllowlist().get()) {
                if (allowed.stream().noneMatch(path::isWithin)) {
                    return violation(CeilingDimension.PATHS, child, "allows path " + path + ", which is outside the allowed paths"
                            + " (" + join(allowed) + ") of capability " + parent + " of parent context " + parentName);
                }
            }
        }
        if (parent.commandAllowlist().isPresent()) {
            List<String> allowed = parent.commandAllowlist().get();
            if (child.commandAllowlist().isEmpty()) {
                return violation(CeilingDimension.COMMANDS, child, "allows every command, which is broader" + against);
            }
            for (String program : child.commandAllowlist().get()) {
                if (!allowed.contains(program)) {
                    return violation(CeilingDimension.COMMANDS, child, "allows command " + program
                            + ", which is not allowed by capability " + parent + " of parent context " + parentName);
                }
            }
        }
        if (parent.domainAllowlist().isPresent()) {
            List<DomainName> allowed = parent.domainAllowlist().get();
            if (child.domainAllowlist().isEmpty()) {
                return violation(CeilingDimension.DOMAINS, child, "allows every domain, which is broader" + against);
            }
            for (DomainName domain : child.domainAllowlist().get()) {
                if (allowed.stream().noneMatch(domain::isWithin)) {
                    return violation(CeilingDimension.DOMAINS, child, "allows domain " + domain
                            + ", which is not allowed by capability " + parent + " of parent context " + parentName);
                }
            }
        }
        if (parent.maxResponseSize().isPresent()) {
            long max = parent.maxResponseSize().getAsLong();
            if (child.maxResponseSize().isEmpty() || child.maxResponseSize().getAsLong() > max) {
                String size = child.maxResponseSize().isEmpty() ? "responses of any size"
                        : "responses of " + child.maxResponseSize().getAsLong() + " bytes";
                return violation(CeilingDimension.RESPONSE_SIZE, child, "allows " + size + ", more than the " + max
                        + " bytes of capability " + parent + " of parent context " + parentName);
            }
        }
        return Optional.empty();
    }

    private Optional<CeilingViolation> violation(CeilingDimension dimension, Capability child, String text) {
        return Optional.of(new CeilingViolation(dimension, "capability " + child + " of context " + name + " " + text));
    }

    private static String join(List<?> values) {
        return values.isEmpty() ? "none" : values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return name.value();
    }
}
