package ai.aegis.application.service;

import ai.aegis.application.port.in.DeleteManifestCommand;
import ai.aegis.application.port.in.DeleteManifestUseCase;
import ai.aegis.application.port.in.DeployIntent;
import ai.aegis.application.port.in.DeployManifestCommand;
import ai.aegis.application.port.in.DeployManifestUseCase;
import ai.aegis.application.port.in.DeployOwnManifestCommand;
import ai.aegis.application.port.in.DeployOwnManifestUseCase;
import ai.aegis.application.port.in.ExportManifestUseCase;
import ai.aegis.application.port.in.GetManifestQuery;
import ai.aegis.application.port.in.GetManifestUseCase;
import ai.aegis.application.port.in.ListManifestsQuery;
import ai.aegis.application.port.in.ListManifestsUseCase;
import ai.aegis.application.port.in.ManifestExport;
import ai.aegis.application.port.in.OperatorArguments;
import ai.aegis.application.port.in.SearchManifestsQuery;
import ai.aegis.application.port.in.SearchManifestsUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.ManifestDeployment;
import ai.aegis.application.port.out.ManifestRegistryPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.registry.AgentManifest;
import ai.aegis.domain.registry.Manifest;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestPage;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.StoredManifest;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent and workflow registry use cases.
 *
 * <p>Who may do what: operators with role operator or admin deploy and delete, in the platform
 * tenant or in a tenant they name; consumers never reach those two, but deploy into their own
 * tenant through the authoring loop ({@link #deployOwn}); everyone lists, searches, reads and
 * exports their own tenant's registry, and operators (readonly included) may name another tenant.
 * Consumer calls that carry operator-only arguments ({@link OperatorArguments}) are refused, naming
 * them. Every refusal is audited, as is every change and every read of a tenant an operator named
 * (in the operator's trail and in the named tenant's).
 *
 * <p>The count of distinct names a tenant may hold comes from {@link ResourceLimits}: for a caller's
 * own tenant, their resolved limits (tier, then tenant and user overrides); for a tenant an operator
 * names, that tenant's recorded plan (or the operator defaults when none was recorded) with its
 * overrides (see {@link #limitsForNamedTenant}).
 */
public final class ManifestRegistryService implements DeployManifestUseCase, DeployOwnManifestUseCase,
        DeleteManifestUseCase, ListManifestsUseCase, SearchManifestsUseCase, GetManifestUseCase, ExportManifestUseCase {

    private static final String PLATFORM_CONTEXT_PREFIX = "aegis-system-";

    private final ManifestRegistryPort registry;
    private final Optional<TenantAccountPort> accounts;
    private final LimitOverridesPort overrides;
    private final AuditLogPort auditLog;
    private final ClockPort clock;

    public ManifestRegistryService(ManifestRegistryPort registry, LimitOverridesPort overrides, AuditLogPort auditLog,
            ClockPort clock) {
        this(registry, overrides, Optional.empty(), auditLog, clock);
    }

    /** With the tenants' recorded plans, so a tenant an operator names is held to its own plan's counts. */
    public ManifestRegistryService(ManifestRegistryPort registry, LimitOverridesPort overrides,
            TenantAccountPort accounts, AuditLogPort auditLog, ClockPort clock) {
        this(registry, overrides, Optional.of(accounts), auditLog, clock);
    }

    private ManifestRegistryService(ManifestRegistryPort registry, LimitOverridesPort overrides,
            Optional<TenantAccountPort> accounts, AuditLogPort auditLog, ClockPort clock) {
        this.accounts = accounts;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public StoredManifest deploy(DeployManifestCommand command) {
        Identity identity = command.identity();
        OperatorArguments args = command.arguments();
        String action = command.kind().slug() + "." + (command.intent() == DeployIntent.CREATE ? "create" : "update");
        Optional<String> refusalTarget = Optional.of(command.kind().slug() + ":"
                + args.tenant().orElse(TenantScope.of(identity)).value());
        return audited(identity, action, args.tenant(), refusalTarget, true, () -> {
            requireOperatorWhoMayChange(identity, "deploying agents and workflows directly is for operators; "
                    + "use aegis." + command.kind().slug() + ".generate to deploy into your own tenant");
            Manifest manifest = ManifestParser.parse(command.kind(), command.document()).orThrow();
            if (args.version().isPresent()) {
                manifest = manifest.withVersion(args.version().get());
            }
            TenantId tenant = args.tenant().orElse(TenantScope.SYSTEM);
            ManifestDeployment.NameRule rule;
            boolean requireNewer;
            if (command.intent() == DeployIntent.CREATE) {
                rule = args.forced() ? ManifestDeployment.NameRule.EITHER : ManifestDeployment.NameRule.MUST_BE_NEW;
                requireNewer = false;
            } else {
                rule = ManifestDeployment.NameRule.MUST_EXIST;
                requireNewer = !args.forced();
            }
            return registry.deploy(new ManifestDeployment(tenant, manifest, identity.subject(), clock.now(), rule,
                    requireNewer, nameLimit(identity, tenant, manifest.kind())));
        }, stored -> target(stored.tenantId(), stored.kind(), stored.name().value()));
    }

    @Override
    public StoredManifest deployOwn(DeployOwnManifestCommand command) {
        Identity identity = command.identity();
        Manifest manifest = command.manifest();
        TenantId tenant = TenantScope.of(identity);
        return audited(identity, manifest.kind().slug() + ".generate_deploy", Optional.empty(),
                Optional.of(target(tenant, manifest.kind(), manifest.name().value())), true, () -> {
                    requireMayChange(identity);
                    requireContextWithinReach(identity, manifest);
                    return registry.deploy(new ManifestDeployment(tenant, manifest, identity.subject(), clock.now(),
                            ManifestDeployment.NameRule.EITHER, true, nameLimit(identity, tenant, manifest.kind())));
                }, stored -> target(stored.tenantId(), stored.kind(), stored.name().value()));
    }

    @Override
    public int delete(DeleteManifestCommand command) {
        Identity identity = command.identity();
        OperatorArguments args = command.arguments();
        TenantId tenant = args.tenant().orElse(TenantScope.of(identity));
        return audited(identity, command.kind().slug() + ".delete", args.tenant(),
                Optional.of(target(tenant, command.kind(), command.name())), true, () -> {
                    requireOperatorWhoMayChange(identity, "deleting agents and workflows is for operators");
                    if (args.force().isPresent()) {
                        throw new InvalidInputException("registry.argument_not_applicable",
                                "force applies to create and update only");
                    }
                    ManifestName name = name(command.name());
                    int removed = registry.delete(tenant, command.kind(), name, args.version());
                    if (removed == 0) {
                        throw notFound(command.kind(), name, args.version());
                    }
                    return removed;
                }, removed -> target(tenant, command.kind(), command.name()));
    }

    @Override
    public ManifestPage list(ListManifestsQuery query) {
        Identity identity = query.identity();
        return audited(identity, query.kind().slug() + ".list", query.arguments().tenant(), Optional.empty(), false, () -> {
            TenantId tenant = readableTenant(identity, query.arguments());
            return registry.list(tenant, query.kind(), query.page());
        }, page -> query.kind().slug() + ":" + tenantOf(identity, query.arguments()).value());
    }

    @Override
    public ManifestPage search(SearchManifestsQuery query) {
        Identity identity = query.identity();
        return audited(identity, query.kind().slug() + ".search", query.arguments().tenant(), Optional.empty(), false,
                () -> {
                    TenantId tenant = readableTenant(identity, query.arguments());
                    return registry.search(tenant, query.kind(), query.text(), query.page());
                }, page -> query.kind().slug() + ":" + tenantOf(identity, query.arguments()).value());
    }

    @Override
    public StoredManifest get(GetManifestQuery query) {
        return audited(query.identity(), query.kind().slug() + ".get", query.arguments().tenant(),
                Optional.of(target(tenantOf(query.identity(), query.arguments()), query.kind(), query.name())), false,
                () -> read(query), stored -> target(stored.tenantId(), stored.kind(), stored.name().value()));
    }

    @Override
    public ManifestExport export(GetManifestQuery query) {
        return audited(query.identity(), query.kind().slug() + ".export", query.arguments().tenant(),
                Optional.of(target(tenantOf(query.identity(), query.arguments()), query.kind(), query.name())), false,
                () -> {
                    StoredManifest stored = read(query);
                    List<ManifestVersion> versions = registry.versions(stored.tenantId(), stored.kind(), stored.name());
                    return new ManifestExport(stored.kind(), stored.name(), stored.version(), stored.manifest().document(),
                            versions);
                }, export -> target(tenantOf(query.identity(), query.arguments()), query.kind(), query.name()));
    }

    private StoredManifest read(GetManifestQuery query) {
        TenantId tenant = readableTenant(query.identity(), query.arguments());
        ManifestName name = name(query.name());
        Optional<ManifestVersion> version = query.arguments().version();
        Optional<StoredManifest> found = version.isPresent()
                ? registry.find(tenant, query.kind(), name, version.get())
                : registry.findLatest(tenant, query.kind(), name);
        return found.orElseThrow(() -> notFound(query.kind(), name, version));
    }

    // ---- gates

    private static void requireOperatorWhoMayChange(Identity identity, String consumerMessage) {
        if (!(identity instanceof Identity.Operator)) {
            throw new AccessDeniedException("registry.operators_only", consumerMessage);
        }
        requireMayChange(identity);
    }

    private static void requireMayChange(Identity identity) {
        if (identity instanceof Identity.Operator operator && !operator.role().includes(AegisRole.OPERATOR)) {
            throw new AccessDeniedException("role.too_low", "deploying and deleting agents and workflows needs the "
                    + "operator role; your role is " + operator.role().claimValue());
        }
    }

    /**
     * A consumer's agent may not ask for a platform context ({@code aegis-system-…}): those belong to
     * operators and to the agent runtime itself. Other names are judged when the agent runs, by the
     * ceiling rule against the caller's own context.
     */
    private static void requireContextWithinReach(Identity identity, Manifest manifest) {
        if (identity instanceof Identity.ZaruUser && manifest instanceof AgentManifest agent
                && agent.securityContext().isPresent()
                && agent.securityContext().get().value().startsWith(PLATFORM_CONTEXT_PREFIX)) {
            throw new AccessDeniedException("registry.context_not_allowed", "an agent you deploy may not ask for the "
                    + "platform context " + agent.securityContext().get() + "; ask for your own plan's context or none");
        }
    }

    /** The tenant a read acts on; consumers may not pass operator-only arguments at all. */
    private static TenantId readableTenant(Identity identity, OperatorArguments args) {
        if (identity instanceof Identity.ZaruUser) {
            List<String> supplied = args.supplied();
            if (!supplied.isEmpty()) {
                throw new AccessDeniedException("registry.operator_argument", "the argument"
                        + (supplied.size() == 1 ? " " : "s ") + String.join(", ", supplied)
                        + (supplied.size() == 1 ? " is" : " are") + " for operators only; call again without "
                        + (supplied.size() == 1 ? "it" : "them"));
            }
        }
        if (args.force().isPresent()) {
            throw new InvalidInputException("registry.argument_not_applicable", "force applies to create and update only");
        }
        return tenantOf(identity, args);
    }

    private static TenantId tenantOf(Identity identity, OperatorArguments args) {
        return args.tenant().orElse(TenantScope.of(identity));
    }

    private static ManifestName name(String text) {
        Optional<String> problem = ManifestName.problem(text);
        if (problem.isPresent()) {
            throw new InvalidInputException("manifest.name_invalid", "the name " + problem.get());
        }
        return ManifestName.of(text);
    }

    private static NotFoundException notFound(ManifestKind kind, ManifestName name, Optional<ManifestVersion> version) {
        return new NotFoundException("registry.not_found", "no " + kind.slug() + " named " + name
                + version.map(v -> " with version " + v).orElse("") + " was found");
    }

    // ---- limits

    private CountLimit nameLimit(Identity identity, TenantId tenant, ManifestKind kind) {
        if (tenant.equals(TenantScope.of(identity))) {
            return ResourceLimits.resolve(identity, overrides.forTenant(tenant), overrides.forUser(tenant, identity.subject()))
                    .manifestCount(kind);
        }
        return limitsForNamedTenant(tenant).manifestCount(kind);
    }

    /**
     * The limits of a tenant an operator names: its recorded plan (the tier last verified in its
     * users' tokens) when known, else the operator defaults (Enterprise), then the tenant's
     * configured overrides — an admin who wants a tenant held to a smaller count sets one.
     */
    private ResourceLimits limitsForNamedTenant(TenantId tenant) {
        Optional<ZaruTier> plan = accounts.flatMap(port -> port.tenant(tenant)).map(TenantAccount::plan);
        ResourceLimits base = plan.map(ResourceLimits::forTier).orElseGet(ResourceLimits::operatorDefaults);
        return base.apply(overrides.forTenant(tenant));
    }

    // ---- audit

    private <T> T audited(Identity actor, String action, Optional<TenantId> namedTenant, Optional<String> target,
            boolean auditSuccess, Supplier<T> work, Function<T, String> successTarget) {
        String fullAction = "registry." + action;
        try {
            if (!auditSuccess && namedTenant.isEmpty()) {
                return work.get();
            }
            // The change and its records commit together: the named tenant's record joins the same unit.
            return auditLog.recordAtomically(() -> {
                T result = work.get();
                namedTenantRecord(actor, fullAction, namedTenant, Optional.of(successTarget.apply(result)),
                        AuditDecision.ALLOWED, Auditor.ALLOWED).ifPresent(auditLog::record);
                return result;
            }, result -> ownRecord(actor, fullAction, Optional.of(successTarget.apply(result)), AuditDecision.ALLOWED,
                    Auditor.ALLOWED));
        } catch (DomainException refusal) {
            auditLog.record(ownRecord(actor, fullAction, target, AuditDecision.DENIED, refusal.code()));
            namedTenantRecord(actor, fullAction, namedTenant, target, AuditDecision.DENIED, refusal.code())
                    .ifPresent(auditLog::record);
            throw refusal;
        }
    }

    private AuditRecord ownRecord(Identity actor, String action, Optional<String> target, AuditDecision decision,
            String reason) {
        return new AuditRecord(actor.subject(), actor.kind(), TenantScope.of(actor), action, target, decision, reason,
                clock.now());
    }

    /**
     * Only an operator's action on a named tenant belongs in that tenant's trail; a consumer who named
     * another tenant was refused, and that refusal stays in the consumer's own trail.
     */
    private Optional<AuditRecord> namedTenantRecord(Identity actor, String action, Optional<TenantId> namedTenant,
            Optional<String> target, AuditDecision decision, String reason) {
        TenantId own = TenantScope.of(actor);
        if (actor instanceof Identity.Operator && namedTenant.isPresent() && !namedTenant.get().equals(own)) {
            return Optional.of(new AuditRecord(actor.subject(), actor.kind(), namedTenant.get(), action, target, decision,
                    reason, clock.now()));
        }
        return Optional.empty();
    }

    private static String target(TenantId tenant, ManifestKind kind, String name) {
        return kind.slug() + ":" + tenant.value() + "/" + name;
    }
}
