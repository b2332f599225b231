package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.ConfigureSystemCommand;
import ai.aegis.application.port.in.ConfigureSystemUseCase;
import ai.aegis.application.port.in.GetSystemInfoQuery;
import ai.aegis.application.port.in.GetSystemInfoUseCase;
import ai.aegis.application.port.in.GetTenantAccountQuery;
import ai.aegis.application.port.in.GetTenantAccountUseCase;
import ai.aegis.application.port.in.GetUserAccountQuery;
import ai.aegis.application.port.in.GetUserAccountUseCase;
import ai.aegis.application.port.in.LimitOverridesDocument;
import ai.aegis.application.port.in.ListTenantAccountsQuery;
import ai.aegis.application.port.in.ListTenantAccountsUseCase;
import ai.aegis.application.port.in.ListUserAccountsQuery;
import ai.aegis.application.port.in.ListUserAccountsUseCase;
import ai.aegis.application.port.in.RemoveExecutionCommand;
import ai.aegis.application.port.in.RemoveExecutionUseCase;
import ai.aegis.application.port.in.RemovedExecutionTree;
import ai.aegis.application.port.in.SystemInfo;
import ai.aegis.application.port.in.TenantAccountDetails;
import ai.aegis.application.port.in.TenantAccountPage;
import ai.aegis.application.port.in.UpdateTenantAccountCommand;
import ai.aegis.application.port.in.UpdateTenantAccountUseCase;
import ai.aegis.application.port.in.UpdateUserAccountCommand;
import ai.aegis.application.port.in.UpdateUserAccountUseCase;
import ai.aegis.application.port.in.UserAccountDetails;
import ai.aegis.application.port.in.UserAccountPage;
import ai.aegis.application.port.out.DaemonSetting;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.tenancy.UserAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Operator administration over MCP: {@code aegis.user.get|list|update},
 * {@code aegis.tenant.get|list|update}, {@code aegis.system.info|config} and {@code aegis.task.remove}. Role gates (every operator
 * reads, only administrators change) and the audit trail are the services'; the catalog already
 * keeps these tools from every consumer context. This class only translates arguments and results.
 * A page's {@code next} is an opaque cursor to pass back as {@code after}.
 */
final class AdministrationToolHandlers {

    private static final Set<String> USER_CHANGES = Set.of("tier", "byok", "model_key", "suspended", "limits");
    private static final Set<String> TENANT_CHANGES = Set.of("suspended", "limits");

    private final GetUserAccountUseCase getUser;
    private final ListUserAccountsUseCase listUsers;
    private final UpdateUserAccountUseCase updateUser;
    private final GetTenantAccountUseCase getTenant;
    private final ListTenantAccountsUseCase listTenants;
    private final UpdateTenantAccountUseCase updateTenant;
    private final GetSystemInfoUseCase systemInfo;
    private final RemoveExecutionUseCase removeExecution;
    private final ConfigureSystemUseCase configure;

    AdministrationToolHandlers(GetUserAccountUseCase getUser, ListUserAccountsUseCase listUsers,
                               UpdateUserAccountUseCase updateUser, GetTenantAccountUseCase getTenant,
                               ListTenantAccountsUseCase listTenants, UpdateTenantAccountUseCase updateTenant,
                               GetSystemInfoUseCase systemInfo, RemoveExecutionUseCase removeExecution,
                               ConfigureSystemUseCase configure) {
        this.getUser = Objects.requireNonNull(getUser, "getUser");
        this.listUsers = Objects.requireNonNull(listUsers, "listUsers");
        this.updateUser = Objects.requireNonNull(updateUser, "updateUser");
        this.getTenant = Objects.requireNonNull(getTenant, "getTenant");
        this.listTenants = Objects.requireNonNull(listTenants, "listTenants");
        this.updateTenant = Objects.requireNonNull(updateTenant, "updateTenant");
        this.systemInfo = Objects.requireNonNull(systemInfo, "systemInfo");
        this.removeExecution = Objects.requireNonNull(removeExecution, "removeExecution");
        this.configure = Objects.requireNonNull(configure, "configure");
    }

    void registerIn(McpToolRegistry registry) {
        registry.handle("aegis.user.get", call -> describe(getUser.get(new GetUserAccountQuery(call.caller().identity(),
                        TenantId.of(call.text("tenant")), call.text("user_id")))))
                .handle("aegis.user.list", this::listUsers)
                .handle("aegis.user.update", this::updateUser)
                .handle("aegis.tenant.get", call -> describe(getTenant.get(new GetTenantAccountQuery(
                        call.caller().identity(), TenantId.of(call.text("tenant"))))))
                .handle("aegis.tenant.list", this::listTenants)
                .handle("aegis.tenant.update", this::updateTenant)
                .handle("aegis.system.info", call -> describe(systemInfo.info(new GetSystemInfoQuery(
                        call.caller().identity()))))
                .handle("aegis.task.remove", call -> describe(removeExecution.remove(new RemoveExecutionCommand(
                        call.caller().identity(), ExecutionId.of(call.text("execution_id"))))))
                .handle("aegis.system.config", call -> {
                    List<Map<String, Object>> settings = new ArrayList<>();
                    for (DaemonSetting setting : configure.configure(new ConfigureSystemCommand(call.caller().identity(),
                            call.text("key"), call.optionalText("value")))) {
                        Map<String, Object> described = new LinkedHashMap<>();
                        described.put("key", setting.key());
                        described.put("value", setting.value());
                        described.put("changeable", setting.changeable());
                        described.put("description", setting.description());
                        settings.add(described);
                    }
                    return Map.of("settings", settings);
                });
    }

    private Map<String, Object> listUsers(ToolCall call) {
        Optional<TenantId> tenant = call.optionalText("tenant").map(TenantId::of);
        Optional<UserAccountKey> after = call.optionalText("after").map(AdministrationToolHandlers::userCursor);
        int limit = call.optionalInteger("limit", 1, ListUserAccountsQuery.MAX_LIMIT)
                .orElse(ListUserAccountsQuery.DEFAULT_LIMIT);
        UserAccountPage page = listUsers.list(new ListUserAccountsQuery(call.caller().identity(), tenant, after, limit));
        List<Map<String, Object>> users = new ArrayList<>();
        page.users().forEach(user -> users.add(describe(user)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("users", users);
        page.next().ifPresent(next -> result.put("next", next.tenantId().value() + "/" + next.subject()));
        return result;
    }

    private Map<String, Object> updateUser(ToolCall call) {
        Map<String, Object> changes = changes(call, USER_CHANGES);
        Optional<ZaruTier> tier = Optional.empty();
        boolean clearTier = false;
        if (changes.containsKey("tier")) {
            Object value = changes.get("tier");
            if (value == null) {
                clearTier = true;
            } else if (value instanceof String text) {
                tier = Optional.of(ZaruTier.parse(text));
            } else {
                throw new InvalidInputException("tool.argument_invalid",
                        "changes.tier must be free, pro, business, enterprise, or null to remove the override");
            }
        }
        Optional<ModelApiKey> modelKey = Optional.empty();
        boolean clearModelKey = false;
        if (changes.containsKey("model_key")) {
            Object value = changes.get("model_key");
            if (value == null) {
                clearModelKey = true;
            } else if (value instanceof String text) {
                modelKey = Optional.of(ModelApiKey.userSupplied(text));
            } else {
                throw new InvalidInputException("tool.argument_invalid", "changes.model_key must be the user's model API"
                        + " key (" + ModelApiKey.USER_KEY_RULE + "), or null to remove it");
            }
        }
        return describe(updateUser.update(new UpdateUserAccountCommand(call.caller().identity(),
                TenantId.of(call.text("tenant")), call.text("user_id"), tier, clearTier, flag(changes, "byok"),
                flag(changes, "suspended"), limits(changes), modelKey, clearModelKey)));
    }

    private Map<String, Object> listTenants(ToolCall call) {
        Optional<TenantId> after = call.optionalText("after").map(TenantId::of);
        int limit = call.optionalInteger("limit", 1, ListTenantAccountsQuery.MAX_LIMIT)
                .orElse(ListTenantAccountsQuery.DEFAULT_LIMIT);
        TenantAccountPage page = listTenants.list(new ListTenantAccountsQuery(call.caller().identity(), after, limit));
        List<Map<String, Object>> tenants = new ArrayList<>();
        page.tenants().forEach(tenant -> tenants.add(describe(tenant)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tenants", tenants);
        page.next().ifPresent(next -> result.put("next", next.value()));
        return result;
    }

    private Map<String, Object> updateTenant(ToolCall call) {
        Map<String, Object> changes = changes(call, TENANT_CHANGES);
        return describe(updateTenant.update(new UpdateTenantAccountCommand(call.caller().identity(),
                TenantId.of(call.text("tenant")), flag(changes, "suspended"), limits(changes))));
    }

    private static UserAccountKey userCursor(String cursor) {
        int slash = cursor.indexOf('/');
        if (slash < 1 || slash == cursor.length() - 1) {
            throw new InvalidInputException("page.cursor_invalid", "'after' must be the 'next' of a previous page");
        }
        return new UserAccountKey(TenantId.of(cursor.substring(0, slash)), cursor.substring(slash + 1));
    }

    private static Map<String, Object> changes(ToolCall call, Set<String> allowed) {
        if (!(call.arguments().get("changes") instanceof Map<?, ?> raw)) {
            throw new InvalidInputException("tool.argument_invalid", call.toolName() + " needs 'changes', an object "
                    + "with any of: " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        raw.forEach((key, value) -> changes.put(String.valueOf(key), value));
        for (String key : changes.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidInputException("tool.argument_invalid", "unknown change '" + key + "'; "
                        + call.toolName() + " changes " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return changes;
    }

    private static Optional<Boolean> flag(Map<String, Object> changes, String key) {
        if (!changes.containsKey(key)) {
            return Optional.empty();
        }
        if (changes.get(key) instanceof Boolean value) {
            return Optional.of(value);
        }
        throw new InvalidInputException("tool.argument_invalid", "changes." + key + " must be true or false");
    }

    private static Optional<LimitOverrides> limits(Map<String, Object> changes) {
        if (!changes.containsKey("limits")) {
            return Optional.empty();
        }
        if (!(changes.get("limits") instanceof Map<?, ?> raw)) {
            throw new InvalidInputException("tool.argument_invalid", "changes.limits must be an object of limits");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        raw.forEach((key, value) -> document.put(String.valueOf(key), value));
        return Optional.of(LimitOverridesDocument.parse(document));
    }

    private static Map<String, Object> describe(UserAccount user) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tenant", user.tenantId().value());
        result.put("user_id", user.subject());
        user.tierOverride().ifPresent(tier -> result.put("tier_override", tier.slug()));
        result.put("byok", user.byok());
        result.put("suspended", user.suspended());
        return result;
    }

    private static Map<String, Object> describe(UserAccountDetails details) {
        Map<String, Object> result = describe(details.account());
        result.put("tenant_suspended", details.tenantSuspended());
        result.put("refused", details.refused());
        result.put("limit_overrides", LimitOverridesDocument.describe(details.limitOverrides()));
        details.effectiveLimits().ifPresent(limits -> result.put("effective_limits", LimitOverridesDocument.describe(limits)));
        Map<String, Object> modelKey = new LinkedHashMap<>();
        modelKey.put("stored", details.modelKeyFingerprint().isPresent());
        details.modelKeyFingerprint().ifPresent(fingerprint -> modelKey.put("fingerprint", fingerprint));
        result.put("model_key", modelKey);
        return result;
    }

    private static Map<String, Object> describe(TenantAccountDetails details) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tenant", details.tenantId().value());
        details.account().ifPresent(account -> {
            result.put("plan", account.plan().slug());
            result.put("plan_recorded_at", account.recordedAt().toString());
        });
        result.put("suspended", details.suspended());
        result.put("limit_overrides", LimitOverridesDocument.describe(details.limitOverrides()));
        details.effectiveLimits().ifPresent(limits -> result.put("effective_limits", LimitOverridesDocument.describe(limits)));
        return result;
    }

    private static Map<String, Object> describe(RemovedExecutionTree removed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("execution_id", removed.rootId().value());
        result.put("tenant", removed.tenantId().value());
        result.put("executions_removed", removed.executionsRemoved());
        return result;
    }

    private static Map<String, Object> describe(SystemInfo info) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", info.version());
        result.put("started_at", info.startedAt().toString());
        result.put("now", info.now().toString());
        result.put("uptime_seconds", java.time.Duration.between(info.startedAt(), info.now()).getSeconds());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Node node : info.nodes()) {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("id", node.id().toString());
            described.put("capacity", node.capacity());
            described.put("runtimes", List.copyOf(new java.util.TreeSet<>(node.runtimes())));
            described.put("registered_at", node.registeredAt().toString());
            described.put("last_heartbeat", node.lastHeartbeat().toString());
            nodes.add(described);
        }
        result.put("nodes", nodes);
        return result;
    }
}
