package ai.aegis.application.port.in;

import ai.aegis.domain.registry.StoredManifest;

/** One deployed manifest with who deployed it and when; a name of another tenant reads as not found. */
public interface GetManifestUseCase {

    StoredManifest get(GetManifestQuery query);
}
