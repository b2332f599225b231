package ai.aegis.application.memory;

import ai.aegis.application.contract.UserModelKeyPortContract;
import ai.aegis.application.port.out.UserModelKeyPort;

class InMemoryUserModelKeyAdapterTest extends UserModelKeyPortContract {

    @Override
    protected UserModelKeyPort newUserModelKeys() {
        return new InMemoryUserModelKeyAdapter();
    }
}
