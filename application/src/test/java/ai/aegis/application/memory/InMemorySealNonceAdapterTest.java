package ai.aegis.application.memory;

import ai.aegis.application.contract.SealNoncePortContract;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealNoncePort;

class InMemorySealNonceAdapterTest extends SealNoncePortContract {

    @Override
    protected SealNoncePort newNoncePort(ClockPort clock) {
        return new InMemorySealNonceAdapter(clock);
    }
}
