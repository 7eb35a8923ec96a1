package io.dashcast.realnode;

import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real node stopped and started again on the same port: the engine is READY again within
 * {@code reconnect_delay} + 1 s of the node listening again, and the node gets the next block.
 */
@Timeout(120)
class RestartRealNodeTest extends MinerAndTarget
{
    private static final long RECONNECT_DELAY_NS = TimeUnit.SECONDS.toNanos(2);
    @Test
    void shouldBeReadyWithinReconnectDelayPlusOneSecondOfARestartAndGetTheNextBlock() throws Exception
    {
        restartAndPush(0);
    }

    /**
     * A restart that takes longer (a node reloading its index, an upgrade): more failed connects in a row
     * than the breaker threshold must not keep a critical peer away for the breaker's cool-down.
     */
    @Test
    void shouldBeReadyWithinReconnectDelayPlusOneSecondOfARestartAfterALongerOutage() throws Exception
    {
        restartAndPush(8_000);
    }

    private void restartAndPush(final long outageMs) throws Exception
    {
        final BroadcasterContext ctx = RealNodes.context(node).reconnectMaxDelayNs(RECONNECT_DELAY_NS);
        try (Broadcaster broadcaster = RealNodes.launchReady(ctx))
        {
            final String before = miner.generate(1).get(0);
            assertEquals(PeerOutcome.ACKED, RealNodes.only(RealNodes.push(broadcaster, RealNodes.block(miner, before))).outcome());

            node.stopProcess();
            assertTrue(RealNodes.until(() -> broadcaster.readyPeerCount() == 0, Duration.ofSeconds(5)), "the engine saw it go");
            final long downStartNs = System.nanoTime();
            Thread.sleep(outageMs);
            node.restart();
            final long upNs = System.nanoTime();
            final long budgetMs = TimeUnit.NANOSECONDS.toMillis(RECONNECT_DELAY_NS) + 1_000;
            final boolean ready = RealNodes.until(() -> broadcaster.readyPeerCount() == 1, Duration.ofMillis(budgetMs + 10_000));
            final long readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upNs);
            System.out.printf("[realnode] restart: node down %d ms, READY %d ms after it listened again (budget %d ms), %s%n",
                TimeUnit.NANOSECONDS.toMillis(upNs - downStartNs), readyMs, budgetMs, broadcaster.stats().peers().get(0));
            assertTrue(ready, "READY again at all");
            assertTrue(readyMs <= budgetMs, () -> "READY " + readyMs + " ms after the restart, budget " + budgetMs + " ms");

            final String next = miner.generate(1).get(0);
            final BroadcastReceipt receipt = RealNodes.push(broadcaster, RealNodes.block(miner, next));
            assertEquals(PeerOutcome.ACKED, RealNodes.only(receipt).outcome(), receipt::toString);
            RealNodes.assertTip(node, next);
        }
    }
}
