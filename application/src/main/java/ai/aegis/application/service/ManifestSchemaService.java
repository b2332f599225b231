package ai.aegis.application.service;

import ai.aegis.application.port.in.GetManifestSchemaQuery;
import ai.aegis.application.port.in.GetManifestSchemaUseCase;
import ai.aegis.application.port.in.ManifestSchema;
import ai.aegis.application.port.in.ValidateManifestCommand;
import ai.aegis.application.port.in.ValidateManifestUseCase;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.ManifestValidation;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Serves the manifest JSON Schemas ({@code aegis.schema.get}) and checks documents
 * ({@code aegis.schema.validate}). The schemas are resources of this module, written to agree with
 * {@link ManifestParser}; the parser is what decides (it also checks the workflow state graph, which
 * a JSON Schema cannot express). Neither call changes anything, so neither is audited.
 */
public final class ManifestSchemaService implements GetManifestSchemaUseCase, ValidateManifestUseCase {

    static final String RESOURCE_DIRECTORY = "/ai/aegis/application/registry/";

    private final Map<ManifestKind, ManifestSchema> schemas = new EnumMap<>(ManifestKind.class);

    /** Loads both schemas from the class path; a missing or malformed one is a packaging error. */
    public ManifestSchemaService() {
        for (ManifestKind kind : ManifestKind.values()) {
            String json = load(RESOURCE_DIRECTORY + kind.slug() + "-manifest.schema.json");
            JsonValue id = ((JsonValue.JsonObject) CanonicalJson.parse(json)).get("$id");
            if (!(id instanceof JsonValue.JsonString idText)) {
                throw new IllegalStateException("the " + kind.slug() + " manifest schema has no $id");
            }
            schemas.put(kind, new ManifestSchema(kind, idText.value(), json));
        }
    }

    private static String load(String resource) {
        try (InputStream in = ManifestSchemaService.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the class path lacks " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the class path resource " + resource + " cannot be read", e);
        }
    }

    @Override
    public ManifestSchema schema(GetManifestSchemaQuery query) {
        return schemas.get(query.kind());
    }

    @Override
    public ManifestValidation validate(ValidateManifestCommand command) {
        return ManifestParser.parse(command.kind(), command.document());
    }
}
