package ai.aegis.application.port.in;

import ai.aegis.domain.registry.ManifestPage;

/** {@code aegis.agent.search}, {@code aegis.workflow.search}: everyone, in their own tenant. */
public interface SearchManifestsUseCase {

    ManifestPage search(SearchManifestsQuery query);
}
