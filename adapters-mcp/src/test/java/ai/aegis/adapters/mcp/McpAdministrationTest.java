package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryConversationRepositoryAdapter;
import ai.aegis.application.memory.InMemoryExecutionRecordRemovalAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryNodeRegistryAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.memory.InMemoryUserModelKeyAdapter;
import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.application.service.AccountAdministrationService;
import ai.aegis.application.service.AuditQueryService;
import ai.aegis.application.service.AuthenticationService;
import ai.aegis.application.service.ExecutionEventFanOut;
import ai.aegis.application.service.ExecutionQueryService;
import ai.aegis.application.service.ExecutionRemovalService;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.application.service.ExecutionWatchService;
import ai.aegis.application.service.OpenConversationService;
import ai.aegis.application.service.RefusalAuditService;
import ai.aegis.application.service.SystemAdministrationService;
import ai.aegis.application.service.ToolAccessService;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.ToolAccess;
import ai.aegis.domain.security.ToolCatalog;
import ai.aegis.domain.security.ToolDescriptor;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.tenancy.UserAccount;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operator administration through a real Jetty server and the MCP SDK client, with the real
 * authentication service (so suspension and tier overrides apply as in production) over the
 * in-memory twins. Bearer tokens name one of the identities below.
 */
class McpAdministrationTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId ORG_TENANT = TenantId.consumer(UUID.fromString("11111111-2222-4333-8444-555555555555"));
    private static final Map<String, Map<String, Object>> VALID_ARGUMENTS = Map.of(
            "aegis.user.get", Map.of("tenant", ORG_TENANT.value(), "user_id", "bob"),
            "aegis.user.list", Map.of(),
            "aegis.user.update", Map.of("tenant", ORG_TENANT.value(), "user_id", "bob",
                    "changes", Map.of("byok", true)),
            "aegis.tenant.get", Map.of("tenant", ORG_TENANT.value()),
            "aegis.tenant.list", Map.of(),
            "aegis.tenant.update", Map.of("tenant", ORG_TENANT.value(),
                    "changes", Map.of("limits", Map.of("max_iterations", 7))),
            "aegis.system.info", Map.of(),
            "aegis.system.config", Map.of("key", "log.level", "value", "DEBUG"));

    private final Map<String, Identity> identities = new LinkedHashMap<>();
    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(START);
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final InMemoryTenantAccountAdapter accounts = new InMemoryTenantAccountAdapter();
    private final InMemoryUserModelKeyAdapter modelKeys = new InMemoryUserModelKeyAdapter();
    private final ai.aegis.application.memory.InMemoryOperationalMetricsAdapter metrics =
            new ai.aegis.application.memory.InMemoryOperationalMetricsAdapter();
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final InMemoryExecutionRepositoryAdapter executionStore = new InMemoryExecutionRepositoryAdapter();
    private final InMemoryIterationEventRepositoryAdapter iterations = new InMemoryIterationEventRepositoryAdapter();
    private McpEndpoints endpoints;
    private McpHttpServer http;
    private String base;

    @BeforeEach
    void start() {
        for (ZaruTier tier : ZaruTier.values()) {
            String name = "user-" + tier.slug();
            identities.put(name, Identity.zaruUser(ZaruUserId.of(name),
                    TenantId.consumer(UUID.nameUUIDFromBytes(name.getBytes())), tier));
        }
        for (AegisRole role : AegisRole.values()) {
            identities.put("op-" + role.claimValue(), Identity.operator("op-" + role.claimValue(), role));
        }
        InMemoryConversationRepositoryAdapter conversations = new InMemoryConversationRepositoryAdapter();
        ExecutionQueryService queries = new ExecutionQueryService(executionStore, iterations, audit, clock);
        ExecutionEventFanOut fanOut = new ExecutionEventFanOut();
        ExecutionService executions = new ExecutionService(conversations, executionStore, iterations, overrides, fanOut,
                audit, clock, new InMemoryIdGeneratorAdapter());
        ToolAccessService toolAccess = new ToolAccessService(conversations, audit, clock);
        RefusalAuditService refusals = new RefusalAuditService(audit, clock);
        McpSurface surface = new McpSurface(new McpUseCases(toolAccess, toolAccess, refusals,
                new AuditQueryService(audit, overrides, clock), new OpenConversationService(conversations, audit, clock),
                executions, queries, queries, queries, executions, executions,
                new ExecutionWatchService(queries, fanOut)), ContextPanel.Source.NONE);
        AccountAdministrationService administration = new AccountAdministrationService(accounts, overrides, modelKeys, audit, clock);
        SystemAdministrationService system = new SystemAdministrationService("9.9.9", new InMemoryNodeRegistryAdapter(),
                new ai.aegis.application.memory.InMemoryDaemonSettingsAdapter(), audit, clock);
        surface.serveAdministration(administration, administration, administration, administration, administration,
                administration, system,
                new ExecutionRemovalService(executionStore, new InMemoryExecutionRecordRemovalAdapter(executionStore,
                        iterations), audit, clock), system);
        surface.tools().observeWith(metrics);
        endpoints = surface.endpoints("test");
        AuthenticationService authentication = new AuthenticationService(credential -> {
            String[] segments = credential.reveal().split("\\.");
            Identity identity = segments.length == 3 ? identities.get(segments[1]) : null;
            if (identity == null) {
                throw new UnauthenticatedException("token.invalid", "the bearer token is not valid");
            }
            return new VerifiedCredential(identity, clock.now().plus(Duration.ofHours(1)));
        }, claims -> new SignedSecurityToken(claims.withTokenId("tok-" + "0".repeat(16)), "seal.compact.form"), audit,
                clock, Duration.ofMinutes(5), Duration.ZERO, accounts);
        List<McpHttpServer.FilterMount> filters = new ArrayList<>(List.of(
                new McpHttpServer.FilterMount("/mcp/*", new OriginFilter(List.of())),
                new McpHttpServer.FilterMount("/mcp/*", new ProtocolVersionFilter()),
                new McpHttpServer.FilterMount("/mcp/*", new ZaruAuthFilter(authentication, refusals,
                        request -> "http://test" + ProtectedResourceMetadataServlet.PATH, metrics))));
        filters.addAll(surface.filters());
        http = McpHttpServer.start("127.0.0.1", 0, filters, endpoints.servlets());
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterEach
    void stop() {
        endpoints.close();
        http.close();
    }

    private McpSyncClient client(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer t." + token + ".s");
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base)
                .endpoint(McpEndpoints.STREAMABLE_PATH).requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** Arguments of the right shape for any tool: mine valid, the others' placeholders of the declared types. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> argumentsFor(String tool) {
        if (VALID_ARGUMENTS.containsKey(tool)) {
            return VALID_ARGUMENTS.get(tool);
        }
        ToolDefinitions.Definition definition = ToolDefinitions.find(tool).orElseThrow();
        Map<String, Object> arguments = new HashMap<>();
        for (String required : definition.required()) {
            Object type = ((Map<String, Object>) definition.properties().get(required)).get("type");
            arguments.put(required, "object".equals(type) ? Map.of() : "boolean".equals(type) ? false
                    : "integer".equals(type) ? 1 : "x");
        }
        return arguments;
    }

    /** The status and body the server answers an MCP initialize request of {@code token} with. */
    private String refusal(String token) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create(base + McpEndpoints.STREAMABLE_PATH))
                .header("Authorization", "Bearer t." + token + ".s")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static boolean permissionDenied(McpSchema.CallToolResult result) {
        return Boolean.TRUE.equals(result.isError()) && "permission_denied".equals(structured(result).get("kind"));
    }

    @Test
    void everyOperatorTool_eachRole_refusedExactlyBelowTheToolsRoleAndAdministrationAnswers() {
        for (AegisRole role : AegisRole.values()) {
            try (McpSyncClient operator = client("op-" + role.claimValue())) {
                for (ToolDescriptor tool : ToolCatalog.all()) {
                    if (tool.access() != ToolAccess.OPERATOR_ONLY) {
                        continue;
                    }
                    McpSchema.CallToolResult result = call(operator, tool.name(), argumentsFor(tool.name()));
                    boolean allowed = role.includes(tool.minimumRole());
                    assertThat(permissionDenied(result)).as("%s as %s: %s", tool.name(), role, result.structuredContent())
                            .isEqualTo(!allowed);
                    if (allowed && VALID_ARGUMENTS.containsKey(tool.name())) {
                        assertThat(result.isError()).as("%s as %s: %s", tool.name(), role, result.structuredContent())
                                .isFalse();
                    }
                }
            }
        }
        assertThat(accounts.user(ORG_TENANT, "bob").byok()).isTrue();
        assertThat(overrides.forTenant(ORG_TENANT)).isEqualTo(LimitOverrides.none().withMaxIterations(7));
        assertThat(audit.all()).filteredOn(record -> record.action().equals("operator.user.update"))
                .extracting(AuditRecord::actorSubject, AuditRecord::decision, AuditRecord::tenantId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("op-admin", AuditDecision.ALLOWED, TenantScope.SYSTEM));
    }

    @Test
    void everyOperatorTool_consumerOfEveryTier_neitherListedNorCallable() {
        for (ZaruTier tier : ZaruTier.values()) {
            try (McpSyncClient consumer = client("user-" + tier.slug())) {
                List<String> listed = consumer.listTools().tools().stream().map(McpSchema.Tool::name).toList();
                for (ToolDescriptor tool : ToolCatalog.all()) {
                    if (tool.access() != ToolAccess.OPERATOR_ONLY) {
                        continue;
                    }
                    assertThat(listed).doesNotContain(tool.name());
                    assertThat(permissionDenied(call(consumer, tool.name(), argumentsFor(tool.name()))))
                            .as("%s as %s", tool.name(), tier).isTrue();
                }
            }
        }
        assertThat(accounts.user(ORG_TENANT, "bob")).isEqualTo(UserAccount.standard(ORG_TENANT, "bob"));
    }

    @Test
    void userUpdate_tierOverrideAndLimits_readBackAndAppliedAtTheUsersNextLogin() {
        Identity.ZaruUser free = (Identity.ZaruUser) identities.get("user-free");
        try (McpSyncClient admin = client("op-admin")) {
            Map<String, Object> updated = structured(call(admin, "aegis.user.update", Map.of("tenant",
                    free.tenantId().value(), "user_id", free.subject(), "changes", Map.of("tier", "business",
                            "limits", Map.of("rate_limits", List.of(Map.of("resource", "tool_call", "tool_pattern",
                                    "aegis.tools.*", "window", "minute", "max", 1)))))));

            assertThat(updated).containsEntry("tier_override", "business");
            assertThat(updated.get("limit_overrides").toString()).contains("aegis.tools.*");
            Map<String, Object> read = structured(call(admin, "aegis.user.get", Map.of("tenant", free.tenantId().value(),
                    "user_id", free.subject())));
            assertThat(read).containsEntry("tier_override", "business").containsEntry("suspended", false);
            assertThat(((Map<?, ?>) read.get("effective_limits")).get("max_iterations")).isEqualTo(25);
        }
        try (McpSyncClient user = client("user-free")) {
            List<String> listed = user.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(listed).contains("aegis.workflow.signal");
        }
    }

    @Test
    void suspension_userThenTenant_callsRefusedUntilLifted() throws Exception {
        Identity.ZaruUser pro = (Identity.ZaruUser) identities.get("user-pro");
        try (McpSyncClient admin = client("op-admin")) {
            assertThat(call(admin, "aegis.user.update", Map.of("tenant", pro.tenantId().value(), "user_id", pro.subject(),
                    "changes", Map.of("suspended", true))).isError()).isFalse();
            assertThatThrownBy(() -> client("user-pro")).isInstanceOf(RuntimeException.class);
            assertThat(refusal("user-pro")).contains("403").contains("account.suspended");

            call(admin, "aegis.user.update", Map.of("tenant", pro.tenantId().value(), "user_id", pro.subject(),
                    "changes", Map.of("suspended", false)));
            call(admin, "aegis.tenant.update", Map.of("tenant", pro.tenantId().value(),
                    "changes", Map.of("suspended", true)));
            assertThat(refusal("user-pro")).contains("403").contains("tenant.suspended");
            assertThat(structured(call(admin, "aegis.tenant.get", Map.of("tenant", pro.tenantId().value()))))
                    .containsEntry("suspended", true);

            call(admin, "aegis.tenant.update", Map.of("tenant", pro.tenantId().value(),
                    "changes", Map.of("suspended", false)));
        }
        try (McpSyncClient user = client("user-pro")) {
            assertThat(user.listTools().tools()).isNotEmpty();
        }
        assertThat(audit.all()).anyMatch(record -> record.action().equals("identity.authenticate")
                && record.reasonCode().equals("tenant.suspended"));
    }

    @Test
    void lists_paged_nextCursorWalksEveryAccount() {
        for (String name : List.of("alpha", "bravo", "charlie")) {
            accounts.recordPlanSeen(TenantId.of(name + "-org"), ZaruTier.BUSINESS, START);
            accounts.saveUser(UserAccount.standard(TenantId.of(name + "-org"), name).withByok(true));
        }
        try (McpSyncClient viewer = client("op-readonly")) {
            Map<String, Object> first = structured(call(viewer, "aegis.user.list", Map.of("limit", 2)));
            Map<String, Object> second = structured(call(viewer, "aegis.user.list",
                    Map.of("limit", 2, "after", first.get("next"))));
            Map<String, Object> tenants = structured(call(viewer, "aegis.tenant.list", Map.of("limit", 2)));
            Map<String, Object> info = structured(call(viewer, "aegis.system.info", Map.of()));

            assertThat((List<?>) first.get("users")).hasSize(2);
            assertThat(first.get("next")).isEqualTo("bravo-org/bravo");
            assertThat((List<?>) second.get("users")).singleElement().asString().contains("charlie");
            assertThat(second).doesNotContainKey("next");
            assertThat(tenants.get("next")).isEqualTo("bravo-org");
            assertThat(tenants.get("tenants").toString()).contains("plan=business");
            assertThat(info).containsEntry("version", "9.9.9");
            assertThat(call(viewer, "aegis.user.list", Map.of("after", "no-slash")).isError()).isTrue();
        }
    }

    @Test
    void userUpdate_unknownChangeOrBadLimit_refusedNamingIt() {
        try (McpSyncClient admin = client("op-admin")) {
            McpSchema.CallToolResult unknown = call(admin, "aegis.user.update", Map.of("tenant", ORG_TENANT.value(),
                    "user_id", "bob", "changes", Map.of("tierr", "pro")));
            McpSchema.CallToolResult badLimit = call(admin, "aegis.tenant.update", Map.of("tenant", ORG_TENANT.value(),
                    "changes", Map.of("limits", Map.of("max_iterations", -1))));

            assertThat(unknown.isError()).isTrue();
            assertThat(structured(unknown).get("message").toString()).contains("tierr");
            assertThat(structured(badLimit).get("message").toString()).contains("max_iterations");
            assertThat(accounts.user(ORG_TENANT, "bob")).isEqualTo(UserAccount.standard(ORG_TENANT, "bob"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void userUpdate_modelKey_storedShownOnlyAsFingerprintAndRemovable() {
        String secret = "sk-bob-own-key-0123456789";
        try (McpSyncClient admin = client("op-admin")) {
            McpSchema.CallToolResult stored = call(admin, "aegis.user.update", Map.of("tenant", ORG_TENANT.value(),
                    "user_id", "bob", "changes", Map.of("byok", true, "model_key", secret)));
            McpSchema.CallToolResult read = call(admin, "aegis.user.get", Map.of("tenant", ORG_TENANT.value(),
                    "user_id", "bob"));
            Map<String, Object> removedChanges = new HashMap<>();
            removedChanges.put("model_key", null);
            McpSchema.CallToolResult removed = call(admin, "aegis.user.update", Map.of("tenant", ORG_TENANT.value(),
                    "user_id", "bob", "changes", removedChanges));
            McpSchema.CallToolResult invalid = call(admin, "aegis.user.update", Map.of("tenant", ORG_TENANT.value(),
                    "user_id", "bob", "changes", Map.of("model_key", "has spaces in it")));

            assertThat(stored.isError()).as("%s", stored.content()).isFalse();
            assertThat((Map<String, Object>) structured(read).get("model_key")).containsEntry("stored", true)
                    .containsEntry("fingerprint", ai.aegis.application.port.out.ModelApiKey.of(secret).fingerprint());
            assertThat(stored.toString() + read.toString()).doesNotContain(secret);
            assertThat((Map<String, Object>) structured(removed).get("model_key")).containsEntry("stored", false);
            assertThat(modelKeys.find(ORG_TENANT, "bob")).isEmpty();
            assertThat(invalid.isError()).isTrue();
            assertThat(structured(invalid)).containsEntry("error", "model.key_invalid");
            assertThat(structured(invalid).toString()).doesNotContain("has spaces in it");
        }
    }

    @Test
    void metrics_answeredRefusedAndUnauthenticatedCalls_reportedByToolOutcomeAndReasonWithoutIdentities()
            throws Exception {
        try (McpSyncClient admin = client("op-admin"); McpSyncClient readonly = client("op-readonly")) {
            call(admin, "aegis.user.get", Map.of("tenant", ORG_TENANT.value(), "user_id", "bob"));
            call(readonly, "aegis.user.update", VALID_ARGUMENTS.get("aegis.user.update"));
        }
        refusal("nobody");

        assertThat(metrics.reports()).contains("request mcp aegis.user.get ok",
                "request mcp aegis.user.update permission_denied", "refused mcp token.invalid");
        assertThat(metrics.reports().toString()).doesNotContain("bob").doesNotContain(ORG_TENANT.value());
    }

    @Test
    void taskRemove_endedTreeOfAConsumer_removedByAnOperatorAndAudited() {
        Identity.ZaruUser owner = (Identity.ZaruUser) identities.get("user-pro");
        ai.aegis.domain.execution.ExecutionTree tree = ai.aegis.domain.execution.ExecutionTree.startRoot(
                new ai.aegis.domain.execution.NewRoot(ai.aegis.domain.execution.ExecutionId.of("exec-done-1"),
                        owner.tenantId(), owner.subject(), ai.aegis.domain.conversation.ConversationId.of("conv-1"),
                        ai.aegis.domain.security.BuiltInContexts.AGENT_RUNTIME, START.plusSeconds(600), 1L << 30, 5),
                Optional.empty(), START);
        executionStore.insertRoot(tree.root());
        try (McpSyncClient operator = client("op-operator")) {
            McpSchema.CallToolResult live = call(operator, "aegis.task.remove", Map.of("execution_id", "exec-done-1"));
            assertThat(structured(live)).containsEntry("error", "execution.active");

            executionStore.saveChanges(owner.tenantId(), tree, tree.cancel(tree.root().id(), START.plusSeconds(1)).changed());
            Map<String, Object> removed = structured(call(operator, "aegis.task.remove",
                    Map.of("execution_id", "exec-done-1")));

            assertThat(removed).containsEntry("tenant", owner.tenantId().value()).containsEntry("executions_removed", 1);
        }
        assertThat(executionStore.findInAnyTenant(ai.aegis.domain.execution.ExecutionId.of("exec-done-1"))).isEmpty();
        assertThat(audit.all()).anyMatch(record -> record.action().equals("operator.execution.remove")
                && record.decision() == AuditDecision.ALLOWED && record.tenantId().equals(TenantScope.SYSTEM));
    }
}
