package ai.aegis.application.port.in;

import ai.aegis.domain.registry.ManifestPage;

/** {@code aegis.agent.list}, {@code aegis.workflow.list}: everyone, in their own tenant. */
public interface ListManifestsUseCase {

    ManifestPage list(ListManifestsQuery query);
}
