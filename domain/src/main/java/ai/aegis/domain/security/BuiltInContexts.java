package ai.aegis.domain.security;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The platform's built-in security contexts (DESIGN.md §4), built from the {@link ToolCatalog} so
 * that the tool sets live in one table:
 * <ul>
 *   <li>{@code zaru-free}: every {@link ToolAccess#ALL_CONSUMER_TIERS} tool (the consumer set minus
 *       {@code aegis.workflow.signal});</li>
 *   <li>{@code zaru-pro}, {@code zaru-business}, {@code zaru-enterprise}: the full consumer set
 *       (adds the {@link ToolAccess#PAID_CONSUMER_TIERS} tools);</li>
 *   <li>{@code aegis-system-operator}: the full consumer set plus every
 *       {@link ToolAccess#OPERATOR_ONLY} tool (role gates are applied by {@link ToolVisibility});</li>
 *   <li>{@code aegis-system-agent-runtime}: {@code fs.*} limited to {@code /workspace},
 *       {@code cmd.run}, {@code web.search}, {@code web.fetch} and the aegis read/execution tools
 *       marked {@code runtime} in the catalog; no create/update/delete.</li>
 * </ul>
 * Each tool is granted by an exact-name capability (the agent runtime's file-system tools by the
 * one {@code fs.*} capability), in catalog order; none of these contexts has a deny list.
 */
public final class BuiltInContexts {

    /** The only directory an agent container's file-system tools may touch. */
    public static final String WORKSPACE = "/workspace";

    public static final SecurityContext ZARU_FREE = consumer(ZaruTier.FREE);
    public static final SecurityContext ZARU_PRO = consumer(ZaruTier.PRO);
    public static final SecurityContext ZARU_BUSINESS = consumer(ZaruTier.BUSINESS);
    public static final SecurityContext ZARU_ENTERPRISE = consumer(ZaruTier.ENTERPRISE);
    public static final SecurityContext OPERATOR = operator();
    public static final SecurityContext AGENT_RUNTIME = agentRuntime();

    private BuiltInContexts() {
    }

    /** The consumer context of a tier: {@code zaru-<tier>}. */
    public static SecurityContext forTier(ZaruTier tier) {
        switch (tier) {
            case FREE:
                return ZARU_FREE;
            case PRO:
                return ZARU_PRO;
            case BUSINESS:
                return ZARU_BUSINESS;
            case ENTERPRISE:
                return ZARU_ENTERPRISE;
            default:
                throw new IllegalStateException("unhandled tier " + tier);
        }
    }

    /** The context a verified identity's chat surface runs under: its tier's, or the operator context. */
    public static SecurityContext forIdentity(Identity identity) {
        if (identity instanceof Identity.ZaruUser user) {
            return forTier(user.tier());
        }
        return OPERATOR;
    }

    /** The built-in context of that name, if there is one. */
    public static Optional<SecurityContext> find(SecurityContextName name) {
        return all().stream().filter(context -> context.name().equals(name)).findFirst();
    }

    /** Every built-in context. */
    public static List<SecurityContext> all() {
        return List.of(ZARU_FREE, ZARU_PRO, ZARU_BUSINESS, ZARU_ENTERPRISE, OPERATOR, AGENT_RUNTIME);
    }

    private static SecurityContext consumer(ZaruTier tier) {
        List<Capability> capabilities = new ArrayList<>();
        for (ToolDescriptor tool : ToolCatalog.all()) {
            if (tool.access() == ToolAccess.ALL_CONSUMER_TIERS
                    || (tool.access() == ToolAccess.PAID_CONSUMER_TIERS && tier != ZaruTier.FREE)) {
                capabilities.add(Capability.of(tool.name()));
            }
        }
        return new SecurityContext(SecurityContextName.of("zaru-" + tier.slug()), capabilities, List.of());
    }

    private static SecurityContext operator() {
        List<Capability> capabilities = new ArrayList<>();
        for (ToolDescriptor tool : ToolCatalog.all()) {
            if (tool.access() != ToolAccess.AGENT_RUNTIME_ONLY) {
                capabilities.add(Capability.of(tool.name()));
            }
        }
        return new SecurityContext(SecurityContextName.OPERATOR, capabilities, List.of());
    }

    private static SecurityContext agentRuntime() {
        List<Capability> capabilities = new ArrayList<>();
        capabilities.add(Capability.of("fs.*").withPathAllowlist(WORKSPACE));
        for (ToolDescriptor tool : ToolCatalog.all()) {
            if (tool.agentRuntime() && tool.family() != ToolFamily.FILESYSTEM) {
                capabilities.add(Capability.of(tool.name()));
            }
        }
        return new SecurityContext(SecurityContextName.AGENT_RUNTIME, capabilities, List.of());
    }
}
