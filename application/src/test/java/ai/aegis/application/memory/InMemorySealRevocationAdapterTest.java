package ai.aegis.application.memory;

import ai.aegis.application.contract.SealRevocationPortContract;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealRevocationPort;

class InMemorySealRevocationAdapterTest extends SealRevocationPortContract {

    @Override
    protected SealRevocationPort newRevocationPort(ClockPort clock) {
        return new InMemorySealRevocationAdapter(clock);
    }
}
