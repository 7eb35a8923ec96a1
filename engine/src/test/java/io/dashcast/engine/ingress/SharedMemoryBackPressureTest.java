package io.dashcast.engine.ingress;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.protocol.Network;
import io.dashcast.sim.BlockArrival;
import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared-memory queue under back-pressure (issue 10, items 3 and 4): a full broadcast ring
 * leaves records in the queue rather than refusing them, and one queue has one reader.
 */
class SharedMemoryBackPressureTest
{
    @TempDir
    Path dir;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
    }

    @Test
    @Timeout(120)
    void shouldLoseNoneOfAHundredBlocksFromTheQueueWithAStalledPeer() throws Exception
    {
        final SimulatedDashNode healthy = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST));
        closeables.add(healthy);
        final SimulatedDashNode stalled = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)
            .misbehaviour(new SimMisbehaviour().stallAfterHandshake(true)));
        closeables.add(stalled);
        final Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .ringSize(16)
            .retainedBlocks(2)
            .broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(2))
            .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(50))
            .reconnectMaxDelayNs(TimeUnit.MILLISECONDS.toNanos(200))
            .addPeer(PeerEndpoint.of("127.0.0.1", healthy.port(), PeerPriority.CRITICAL))
            .addPeer(PeerEndpoint.of("127.0.0.1", stalled.port(), PeerPriority.NORMAL)));
        closeables.add(broadcaster);
        assertTrue(awaitTrue(() -> broadcaster.readyPeerCount() == 2));

        final SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), 1024 * 1024);
        closeables.add(queue);
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 100);
        final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
        for (final byte[] block : chain)
        {
            assertEquals(SharedMemoryBlockPublisher.OfferResult.OK, publisher.offer(block));
        }
        final long[] accepted = new long[1];
        final long[] refused = new long[1];
        final SharedMemoryBlockReceiver receiver = SharedMemoryBlockReceiver.controlled(queue, (buffer, offset, length) ->
        {
            final long result = broadcaster.submit(buffer, offset, length);
            if (result == Broadcaster.RING_FULL)
            {
                return false;
            }
            accepted[0] += result >= 0 ? 1 : 0;
            refused[0] += result < 0 ? 1 : 0;
            return true;
        }, Throwable::printStackTrace, SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
        closeables.add(receiver::onClose);

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (accepted[0] + refused[0] < 100 && System.nanoTime() < deadline)
        {
            if (receiver.doWork() == 0)
            {
                Thread.sleep(1);
            }
        }
        assertEquals(100, accepted[0], "every block taken off the queue was accepted");
        assertEquals(0, refused[0]);
        assertEquals(100, receiver.blocksReceived());
        assertTrue(receiver.backPressureEvents() > 0, "the ring filled: the queue held the rest");
        assertTrue(healthy.awaitTip(TestBlocks.hash(chain.get(99)), Duration.ofSeconds(30)), () -> healthy + " " + broadcaster.stats());
        final List<BlockArrival> arrivals = healthy.blockArrivals();
        assertEquals(100, arrivals.size());
        for (int i = 0; i < 100; i++)
        {
            assertArrayEquals(TestBlocks.hash(chain.get(i)), arrivals.get(i).hash(), "block " + i + " in order");
        }
    }

    @Test
    void shouldRefuseASecondReaderOfTheSameQueueFileNamingTheFirst() throws Exception
    {
        final SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), 64 * 1024);
        closeables.add(queue);
        final SharedMemoryBlockReceiver first = new SharedMemoryBlockReceiver(queue, (b, o, l) -> { },
            Throwable::printStackTrace, SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
        final SharedMemoryQueueException ex = assertThrows(SharedMemoryQueueException.class, () ->
            new SharedMemoryBlockReceiver(queue, (b, o, l) -> { }, Throwable::printStackTrace,
                SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE));
        assertTrue(ex.getMessage().contains("is already being read by another dashcast (pid " +
            ProcessHandle.current().pid() + ")"), ex.getMessage());

        first.onClose();
        final SharedMemoryBlockReceiver second = new SharedMemoryBlockReceiver(queue, (b, o, l) -> { },
            Throwable::printStackTrace, SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
        second.onClose();
    }

    private static boolean awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
