package ai.aegis.application.memory;

import ai.aegis.application.contract.VolumeStoragePortContract;
import ai.aegis.application.port.out.VolumeStoragePort;

class InMemoryVolumeStorageAdapterTest extends VolumeStoragePortContract {

    @Override
    protected VolumeStoragePort newVolumeStoragePort() {
        return new InMemoryVolumeStorageAdapter();
    }
}
