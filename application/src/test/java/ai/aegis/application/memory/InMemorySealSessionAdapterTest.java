package ai.aegis.application.memory;

import ai.aegis.application.contract.SealSessionPortContract;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealSessionPort;

class InMemorySealSessionAdapterTest extends SealSessionPortContract {

    @Override
    protected SealSessionPort newSessionPort(ClockPort clock) {
        return new InMemorySealSessionAdapter(clock);
    }
}
