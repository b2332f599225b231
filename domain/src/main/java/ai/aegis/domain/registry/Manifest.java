package ai.aegis.domain.registry;

import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;

/**
 * A deployable definition in a tenant's registry, in manifest format {@value #FORMAT}: an
 * {@link AgentManifest} or a {@link WorkflowManifest}. Every manifest names itself and its version;
 * a deployed version never changes (a change is a new version).
 */
public sealed interface Manifest permits AgentManifest, WorkflowManifest {

    /** The manifest format this model reads and writes, carried in every document's {@code format} member. */
    String FORMAT = "aegis/v1";

    ManifestKind kind();

    ManifestName name();

    ManifestVersion version();

    String description();

    /** The same manifest under another version (an operator may deploy a document under a version they name). */
    Manifest withVersion(ManifestVersion version);

    /** This manifest as a JSON document in the manifest format. */
    JsonValue.JsonObject toJson();

    /** {@link #toJson()} in RFC 8785 canonical form: what the registry stores and exports. */
    default String document() {
        return CanonicalJson.serialize(toJson());
    }
}
