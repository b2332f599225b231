package ai.aegis.application.port.in;

import ai.aegis.domain.registry.StoredManifest;

/** Any caller who may change things deploys into their own tenant, within their plan's agent and workflow counts. */
public interface DeployOwnManifestUseCase {

    StoredManifest deployOwn(DeployOwnManifestCommand command);
}
