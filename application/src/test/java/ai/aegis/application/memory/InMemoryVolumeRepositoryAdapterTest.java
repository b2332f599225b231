package ai.aegis.application.memory;

import ai.aegis.application.contract.VolumeRepositoryPortContract;
import ai.aegis.application.port.out.VolumeRepositoryPort;

class InMemoryVolumeRepositoryAdapterTest extends VolumeRepositoryPortContract {

    @Override
    protected VolumeRepositoryPort newVolumeRepositoryPort() {
        return new InMemoryVolumeRepositoryAdapter();
    }
}
