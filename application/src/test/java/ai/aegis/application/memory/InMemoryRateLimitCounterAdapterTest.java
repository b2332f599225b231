package ai.aegis.application.memory;

import ai.aegis.application.contract.RateLimitCounterPortContract;
import ai.aegis.application.port.out.RateLimitCounterPort;

class InMemoryRateLimitCounterAdapterTest extends RateLimitCounterPortContract {

    @Override
    protected RateLimitCounterPort newCounterPort() {
        return new InMemoryRateLimitCounterAdapter();
    }
}
