package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.DeleteManifestCommand;
import ai.aegis.application.port.in.DeleteManifestUseCase;
import ai.aegis.application.port.in.DeployManifestCommand;
import ai.aegis.application.port.in.DeployManifestUseCase;
import ai.aegis.application.port.in.ExportManifestUseCase;
import ai.aegis.application.port.in.GetManifestQuery;
import ai.aegis.application.port.in.GetManifestSchemaQuery;
import ai.aegis.application.port.in.GetManifestSchemaUseCase;
import ai.aegis.application.port.in.ListManifestsQuery;
import ai.aegis.application.port.in.ListManifestsUseCase;
import ai.aegis.application.port.in.ManifestExport;
import ai.aegis.application.port.in.ManifestSchema;
import ai.aegis.application.port.in.OperatorArguments;
import ai.aegis.application.port.in.SearchManifestsQuery;
import ai.aegis.application.port.in.SearchManifestsUseCase;
import ai.aegis.application.port.in.ValidateManifestCommand;
import ai.aegis.application.port.in.ValidateManifestUseCase;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.registry.FieldError;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestPage;
import ai.aegis.domain.registry.ManifestPageRequest;
import ai.aegis.domain.registry.ManifestSummary;
import ai.aegis.domain.registry.ManifestValidation;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.StoredManifest;
import ai.aegis.application.port.in.DeployIntent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent and workflow registry over MCP: {@code aegis.{agent,workflow}.list|search|export}
 * for everyone in scope, {@code create|update|delete} for operators, and the manifest schemas.
 * Who may do what is the registry's decision (and its audit); this class only translates.
 */
final class RegistryToolHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DEFAULT_LIMIT = 50;

    private final ListManifestsUseCase list;
    private final SearchManifestsUseCase search;
    private final ExportManifestUseCase export;
    private final DeployManifestUseCase deploy;
    private final DeleteManifestUseCase delete;
    private final GetManifestSchemaUseCase schemas;
    private final ValidateManifestUseCase validate;

    RegistryToolHandlers(ListManifestsUseCase list, SearchManifestsUseCase search, ExportManifestUseCase export,
                         DeployManifestUseCase deploy, DeleteManifestUseCase delete, GetManifestSchemaUseCase schemas,
                         ValidateManifestUseCase validate) {
        this.list = Objects.requireNonNull(list, "list");
        this.search = Objects.requireNonNull(search, "search");
        this.export = Objects.requireNonNull(export, "export");
        this.deploy = Objects.requireNonNull(deploy, "deploy");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.validate = Objects.requireNonNull(validate, "validate");
    }

    void registerIn(McpToolRegistry registry) {
        for (ManifestKind kind : ManifestKind.values()) {
            String prefix = "aegis." + kind.slug() + ".";
            registry.handle(prefix + "list", call -> list(call, kind))
                    .handle(prefix + "search", call -> search(call, kind))
                    .handle(prefix + "export", call -> export(call, kind))
                    .handle(prefix + "create", call -> deploy(call, kind, DeployIntent.CREATE))
                    .handle(prefix + "update", call -> deploy(call, kind, DeployIntent.UPDATE))
                    .handle(prefix + "delete", call -> delete(call, kind));
        }
        registry.handle("aegis.schema.get", this::schema).handle("aegis.schema.validate", this::validate);
    }

    private Map<String, Object> list(ToolCall call, ManifestKind kind) {
        ManifestPage page = list.list(new ListManifestsQuery(call.caller().identity(), kind, page(call),
                OperatorArguments.none()));
        return pageResult(kind, page);
    }

    private Map<String, Object> search(ToolCall call, ManifestKind kind) {
        ManifestPage page = search.search(new SearchManifestsQuery(call.caller().identity(), kind, call.text("query"),
                page(call), OperatorArguments.none()));
        return pageResult(kind, page);
    }

    private Map<String, Object> export(ToolCall call, ManifestKind kind) {
        ManifestExport exported = export.export(new GetManifestQuery(call.caller().identity(), kind, call.text("name"),
                operatorArguments(call)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", exported.kind().slug());
        result.put("name", exported.name().value());
        result.put("version", exported.version().toString());
        result.put("versions", exported.versions().stream().map(ManifestVersion::toString).toList());
        result.put("manifest", JSON.readValue(exported.document(), Map.class));
        return result;
    }

    private Map<String, Object> deploy(ToolCall call, ManifestKind kind, DeployIntent intent) {
        Map<String, Object> manifest = manifest(call);
        call.optionalText("name").ifPresent(named -> {
            if (!named.equals(manifest.get("name"))) {
                throw new InvalidInputException("tool.argument_mismatch", "the manifest is named '" + manifest.get("name")
                        + "', not '" + named + "'; update the agent the manifest names");
            }
        });
        StoredManifest stored = deploy.deploy(new DeployManifestCommand(call.caller().identity(), kind, intent,
                JSON.writeValueAsString(manifest), operatorArguments(call)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", kind.slug());
        result.put("name", stored.manifest().name().value());
        result.put("version", stored.manifest().version().toString());
        result.put("tenant", stored.tenantId().value());
        result.put("deployed_at", stored.deployedAt().toString());
        return result;
    }

    private Map<String, Object> delete(ToolCall call, ManifestKind kind) {
        int removed = delete.delete(new DeleteManifestCommand(call.caller().identity(), kind, call.text("name"),
                operatorArguments(call)));
        return Map.of("kind", kind.slug(), "name", call.text("name"), "versions_removed", removed);
    }

    private Map<String, Object> schema(ToolCall call) {
        ManifestSchema schema = schemas.schema(new GetManifestSchemaQuery(kind(call)));
        return Map.of("kind", schema.kind().slug(), "id", schema.id(), "schema", JSON.readValue(schema.json(), Map.class));
    }

    private Map<String, Object> validate(ToolCall call) {
        ManifestValidation validation = validate.validate(new ValidateManifestCommand(kind(call),
                JSON.writeValueAsString(manifest(call))));
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : validation.errors()) {
            errors.add(Map.of("field", error.pointer(), "message", error.message()));
        }
        return Map.of("valid", validation.isValid(), "errors", errors);
    }

    private static ManifestKind kind(ToolCall call) {
        return ManifestKind.parse(call.text("kind"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifest(ToolCall call) {
        Object manifest = call.arguments().get("manifest");
        if (!(manifest instanceof Map)) {
            throw new InvalidInputException("tool.argument_missing", call.toolName()
                    + " needs the argument 'manifest' as a JSON object (see aegis.schema.get)");
        }
        return (Map<String, Object>) manifest;
    }

    private static ManifestPageRequest page(ToolCall call) {
        return ManifestPageRequest.first(call.optionalInteger("limit", 1, ManifestPageRequest.MAX_LIMIT)
                .orElse(DEFAULT_LIMIT));
    }

    /** Operators' {@code force} and {@code version}; consumers never get here with them (the registry refuses them first). */
    private static OperatorArguments operatorArguments(ToolCall call) {
        OperatorArguments arguments = OperatorArguments.none();
        if (call.arguments().containsKey("force")) {
            arguments = arguments.withForce(call.flag("force"));
        }
        if (call.optionalText("version").isPresent()) {
            arguments = arguments.withVersion(ManifestVersion.parse(call.optionalText("version").get()));
        }
        return arguments;
    }

    private static Map<String, Object> pageResult(ManifestKind kind, ManifestPage page) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ManifestSummary summary : page.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", summary.name().value());
            item.put("version", summary.latestVersion().toString());
            item.put("description", summary.description());
            item.put("deployed_at", summary.deployedAt().toString());
            items.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(kind.slug() + "s", items);
        page.next().ifPresent(next -> result.put("more_after", next.value()));
        return result;
    }
}
