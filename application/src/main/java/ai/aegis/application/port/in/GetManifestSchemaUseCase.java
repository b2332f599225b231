package ai.aegis.application.port.in;

/** The JSON Schema of agent or workflow manifests; open to everyone. */
public interface GetManifestSchemaUseCase {

    ManifestSchema schema(GetManifestSchemaQuery query);
}
