package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import java.util.List;
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
 * it allows is also allowed by the parent. The check is conservative (it may refuse a context that
 * is in fact narrower, never accept a broader one):
 * <ol>
 *   <li>every parent deny-list entry is covered by an entry of this deny list;</li>
 *   <li>for every capability {@code c} of this context, the parent capabilities are walked in order;
 *       each one whose pattern overlaps {@code c}'s must have allowlists at least as broad as
 *       {@code c}'s (paths inside a parent path, commands a subset, domains under a parent domain,
 *       a response cap no larger; an absent parent allowlist is unrestricted, an absent child one is
 *       broader than any present parent one), and the walk must reach a parent capability whose
 *       pattern covers {@code c}'s entirely.</li>
 * </ol>
 * Because the parent decides a tool by its first matching capability, checking every overlapping
 * capability up to the covering one checks exactly the capabilities that can decide a tool {@code c}
 * grants.
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
     * See the class documentation for the exact (conservative) subset semantics.
     */
    public Optional<CeilingViolation> exceedsCeilingOf(SecurityContext parent) {
        for (ToolPattern parentDenied : parent.denyList) {
            if (denyList.stream().noneMatch(own -> own.covers(parentDenied))) {
                return Optional.of(new CeilingViolation(CeilingDimension.TOOLS, "context " + name
                        + " does not keep the deny list entry " + parentDenied + " of its parent context " + parent.name));
            }
        }
        for (Capability child : capabilities) {
            Optional<CeilingViolation> violation = checkCapability(child, parent);
            if (violation.isPresent()) {
                return violation;
            }
        }
        return Optional.empty();
    }

    private Optional<CeilingViolation> checkCapability(Capability child, SecurityContext parent) {
        for (Capability candidate : parent.capabilities) {
            if (!candidate.toolPattern().overlaps(child.toolPattern())) {
                continue;
            }
            Optional<CeilingViolation> broader = broaderAllowlist(child, candidate, parent.name);
            if (broader.isPresent()) {
                return broader;
            }
            if (candidate.toolPattern().covers(child.toolPattern())) {
                return Optional.empty();
            }
        }
        return Optional.of(new CeilingViolation(CeilingDimension.TOOLS, "capability " + child + " of context " + name
                + " grants tools that its parent context " + parent.name + " does not grant"));
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
