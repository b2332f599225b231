package ai.aegis.application.memory;

import ai.aegis.application.contract.ManifestRegistryPortContract;
import ai.aegis.application.port.out.ManifestRegistryPort;

class InMemoryManifestRegistryAdapterTest extends ManifestRegistryPortContract {

    @Override
    protected ManifestRegistryPort newManifestRegistryPort() {
        return new InMemoryManifestRegistryAdapter();
    }
}
