package ai.aegis.application.memory;

import ai.aegis.application.contract.SealPublicKeyDirectoryPortContract;
import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;

class InMemorySealPublicKeyDirectoryAdapterTest extends SealPublicKeyDirectoryPortContract {

    @Override
    protected SealPublicKeyDirectoryPort newDirectory() {
        return new InMemorySealPublicKeyDirectoryAdapter();
    }
}
