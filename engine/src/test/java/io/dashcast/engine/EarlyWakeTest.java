package io.dashcast.engine;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small block's producer wakes the first loop before its gate ({@link Broadcaster#wakeEarly}):
 * while a block is expected the loop's idle step polls instead of entering {@code select}, until
 * the block is taken or the expectation runs out; then it sleeps in {@code select} again.
 */
@Timeout(60)
class EarlyWakeTest
{
    @Test
    void shouldPollWithoutSelectingWhileABlockIsExpectedAndSelectAgainAfter() throws Exception
    {
        final BroadcasterContext ctx = new BroadcasterContext().network(Network.REGTEST).loopCount(1)
            .threadNamePrefix("early-wake-test-").conclude();
        final AtomicReferenceArray<PeerEndpoint> table = new AtomicReferenceArray<>(ctx.peerCapacity());
        final RingBuffer<BlockSlot> ring = RingBuffer.createMultiProducer(
            () -> new BlockSlot(ctx.maxBlockBytes(), table), 8, new YieldingWaitStrategy());
        final BroadcastLoop loop = new BroadcastLoop(0, ctx, ring, (slot, sequence) -> { }, Runnable::run,
            new BroadcasterErrors(4096, ctx.epochClock(), ex -> { }));
        final SelectorIdleStrategy idle = new SelectorIdleStrategy(loop);
        try
        {
            assertFalse(loop.blockExpected(System.nanoTime()));
            loop.expectBlock(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            assertTrue(loop.blockExpected(System.nanoTime()));

            // A pending wake-up survives the idle step: it did not go into select, which would take it.
            loop.selector().wakeup();
            for (int i = 0; i < 1_000; i++)
            {
                idle.idle(0);
            }
            assertTrue(returnsWithin(loop, 5_000, 2_000), "the idle step went into select while a block was expected");

            // The expectation over: the idle step selects again and takes a pending wake-up.
            loop.expectBlock(System.nanoTime() - 1);
            assertFalse(loop.blockExpected(System.nanoTime()));
            loop.selector().wakeup();
            idle.idle(0);
            assertFalse(returnsWithin(loop, 300, 200), "a wake-up was left pending: the idle step did not select");
        }
        finally
        {
            loop.onClose();
        }
    }

    @Test
    void shouldDeliverEachSmallBlockWithTheFirstLoopWokenEarly() throws Exception
    {
        try (SimulatedDashNode node = SimulatedDashNode.start();
            Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST)
                .idleMode(IdleMode.BLOCKING_SELECT).threadNamePrefix("early-wake-e2e-")
                .addPeer(PeerEndpoint.of("127.0.0.1", node.port(), PeerPriority.CRITICAL))))
        {
            assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 1, Duration.ofSeconds(20)));
            final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 3);
            for (final byte[] block : chain)
            {
                final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
                assertEquals(1, receipt.ackCount(), receipt::toString);
                assertEquals(TestBlocks.hashHex(block), receipt.blockHash());
            }
        }
    }

    /**
     * @return true when {@code select(timeoutMs)} returned within {@code withinMs}: a wake-up was pending.
     */
    private static boolean returnsWithin(final BroadcastLoop loop, final long timeoutMs, final long withinMs)
        throws java.io.IOException
    {
        final long start = System.nanoTime();
        loop.selector().select(timeoutMs);
        return System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(withinMs);
    }
}
