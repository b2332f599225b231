package ai.aegis.adapters.persistence;

import ai.aegis.domain.security.AbsolutePath;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.DomainName;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of an execution's effective security context, as JSON:
 * <pre>{"name": "…", "capabilities": [{"tool": "fs.*", "paths": ["/workspace"], "commands": […],
 *   "domains": […], "maxResponseSize": 1024}], "deny": ["…"]}</pre>
 * An absent allowlist is an absent key and a present but empty one an empty array, because the two
 * mean opposite things (unrestricted versus nothing allowed). Capability and deny-list order is
 * kept: the first matching capability decides. Reading validates every value through the domain
 * types, so a row edited by hand into something the domain would refuse fails loudly.
 */
final class ExecutionContextJson {

    private static final JsonMapper JSON = JsonMapper.shared();

    private ExecutionContextJson() {
    }

    static String write(SecurityContext context) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", context.name().value());
        ArrayNode capabilities = root.putArray("capabilities");
        for (Capability capability : context.capabilities()) {
            ObjectNode node = capabilities.addObject();
            node.put("tool", capability.toolPattern().value());
            capability.pathAllowlist().ifPresent(paths -> strings(node.putArray("paths"), paths, AbsolutePath::value));
            capability.commandAllowlist().ifPresent(commands -> strings(node.putArray("commands"), commands, c -> c));
            capability.domainAllowlist().ifPresent(domains -> strings(node.putArray("domains"), domains, DomainName::value));
            if (capability.maxResponseSize().isPresent()) {
                node.put("maxResponseSize", capability.maxResponseSize().getAsLong());
            }
        }
        strings(root.putArray("deny"), context.denyList(), ToolPattern::value);
        return JSON.writeValueAsString(root);
    }

    /**
     * @throws IllegalStateException when the stored text is not a context this codec wrote
     */
    static SecurityContext read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("stored security context is not valid JSON", e);
        }
        List<Capability> capabilities = new ArrayList<>();
        for (JsonNode node : array(root, "capabilities").values()) {
            capabilities.add(new Capability(ToolPattern.of(text(node, "tool")),
                    optionalList(node, "paths", AbsolutePath::new),
                    optionalList(node, "commands", command -> command),
                    optionalList(node, "domains", DomainName::new),
                    node.has("maxResponseSize") ? OptionalLong.of(integral(node.get("maxResponseSize")))
                            : OptionalLong.empty()));
        }
        List<ToolPattern> deny = new ArrayList<>();
        for (JsonNode pattern : array(root, "deny").values()) {
            deny.add(ToolPattern.of(string(pattern)));
        }
        return SecurityContext.of(SecurityContextName.of(text(root, "name")), capabilities, deny);
    }

    private static <T> void strings(ArrayNode target, List<T> values, Function<T, String> text) {
        for (T value : values) {
            target.add(text.apply(value));
        }
    }

    private static <T> Optional<List<T>> optionalList(JsonNode node, String field, Function<String, T> parse) {
        if (!node.has(field)) {
            return Optional.empty();
        }
        List<T> values = new ArrayList<>();
        for (JsonNode value : array(node, field).values()) {
            values.add(parse.apply(string(value)));
        }
        return Optional.of(values);
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalStateException("stored security context lacks the array '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return string(node.get(field));
    }

    private static String string(JsonNode value) {
        if (value == null || !value.isString()) {
            throw new IllegalStateException("stored security context has a non-text value where text belongs");
        }
        return value.stringValue();
    }

    private static long integral(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalStateException("stored security context has a response size that is not a whole number");
        }
        return value.longValue();
    }
}
