package dev.herald.memory;

import dev.herald.topic.Broker;
import dev.herald.topic.BrokerContract;
import dev.herald.topic.HistoryLimits;

/** The broker of one node keeps the contract of every broker. */
class MemoryBrokerTest extends BrokerContract {

    private final MemoryBroker broker = new MemoryBroker(new HistoryLimits(1000, 3_600_000, 1 << 22, 1 << 26),
            System::currentTimeMillis);

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected Broker otherNode() {
        return null;
    }
}
