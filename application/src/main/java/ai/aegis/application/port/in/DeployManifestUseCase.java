package ai.aegis.application.port.in;

import ai.aegis.domain.registry.StoredManifest;

/** Operators (role operator or admin) deploy agents and workflows; no consumer ever reaches this. */
public interface DeployManifestUseCase {

    StoredManifest deploy(DeployManifestCommand command);
}
