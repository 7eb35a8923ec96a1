package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.sim.BlockArrival;
import io.dashcast.sim.SimConnection;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A block held back for want of its parent goes out, in order with its descendants, once the
 * peer's chain gains the parent (issue 10, item 2).
 */
class HeldBackBlocksTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private SimulatedDashNode sim;
    private Broadcaster broadcaster;

    @AfterEach
    void tearDown()
    {
        if (broadcaster != null)
        {
            broadcaster.close();
        }
        if (sim != null)
        {
            sim.close();
        }
    }

    @Test
    @Timeout(60)
    void shouldSendHeldBackDescendantsInOrderWhenTheParentArrivesLater() throws Exception
    {
        sim = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST));
        broadcaster = Broadcaster.launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .addPeer(PeerEndpoint.of("127.0.0.1", sim.port(), PeerPriority.CRITICAL)));
        assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 1, WAIT));
        // The node finds block 1 and tells us: we know its tip.
        final byte[] b1 = sim.mineBlock();
        assertTrue(Await.until(() -> broadcaster.stats().peers().get(0).messagesReceived().containsKey("headers") ||
            broadcaster.stats().peers().get(0).messagesReceived().containsKey("inv"), WAIT));
        final List<byte[]> chain = new ArrayList<>();
        byte[] parent = b1;
        for (int height = 1; height <= 4; height++)
        {
            parent = TestBlocks.on(parent, height).build();
            chain.add(parent);
        }

        // c3, c4, c5 arrive before c2: the node lacks each one's parent, so only headers go out.
        final List<CompletableFuture<BroadcastReceipt>> early = new ArrayList<>();
        for (int i = 1; i < 4; i++)
        {
            early.add(broadcaster.submitAsync(chain.get(i)));
        }
        assertTrue(Await.until(() -> broadcaster.stats().peers().get(0).blocksSent() == 0 &&
            sim.connections().get(0).messagesSent().size() > 0, WAIT));
        assertTrue(sim.blockArrivals().isEmpty());

        // c2 arrives: pushed, and every held-back descendant right behind it, in order.
        final BroadcastReceipt c2 = broadcaster.submitAsync(chain.get(0)).get(20, TimeUnit.SECONDS);
        assertEquals(PeerOutcome.ACKED, c2.peers().get(0).outcome());
        assertTrue(sim.awaitTip(TestBlocks.hash(chain.get(3)), WAIT), sim::toString);
        final List<BlockArrival> arrivals = sim.blockArrivals();
        assertEquals(4, arrivals.size());
        for (int i = 0; i < 4; i++)
        {
            assertArrayEquals(TestBlocks.hash(chain.get(i)), arrivals.get(i).hash(), "block " + i + " in order");
            assertTrue(arrivals.get(i).verdict().accepted(), arrivals.get(i)::toString);
        }
        for (final CompletableFuture<BroadcastReceipt> f : early)
        {
            final BroadcastReceipt.PeerResult peer = f.get(20, TimeUnit.SECONDS).peers().get(0);
            assertEquals(PeerOutcome.ACKED, peer.outcome(), peer::toString);
            assertEquals(SendReason.PARENT_ARRIVED, peer.reason(), peer::toString);
        }
        assertEquals(0, sim.connections().stream().mapToInt(SimConnection::misbehaviourScore).sum());
    }

    /**
     * Fault matrix rows 15 and 17 in small: a fresh peer that has announced nothing gets a chain in
     * shuffled order. The first block goes out blind (an orphan to it), the next few as headers;
     * its {@code getheaders} answer to those tells us its tip, and every block then goes out once
     * its parent did, and the peer ends with the whole chain on the one connection, having scored
     * us at most the blind orphan's 10 points. Twelve orders: one of them once pushed ten orphans
     * behind the blind one (100 points, disconnected), another sent 30 unconnecting headers.
     */
    @ParameterizedTest(name = "shuffle seed {0}")
    @ValueSource(ints = {9, 10, 11, 12, 13, 15, 16, 17, 21, 23, 24, 26})
    @Timeout(90)
    void shouldDeliverAShuffledChainToAFreshPeerThatAnnouncedNothing(final int seed) throws Exception
    {
        sim = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST));
        broadcaster = Broadcaster.launch(new BroadcasterContext()
            .network(Network.REGTEST)
            // The window in which a held-back block follows its parent; as the fault matrix's burst rows.
            .broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .ringSize(128)
            .maxBlockBytes(64 * 1024)
            .addPeer(PeerEndpoint.of("127.0.0.1", sim.port(), PeerPriority.CRITICAL)));
        assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 1, WAIT));
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 100);
        final List<byte[]> order = new ArrayList<>(chain);
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        final List<CompletableFuture<BroadcastReceipt>> receipts = new ArrayList<>();
        for (final byte[] block : order)
        {
            receipts.add(broadcaster.submitAsync(block));
        }
        for (final CompletableFuture<BroadcastReceipt> receipt : receipts)
        {
            receipt.get(30, TimeUnit.SECONDS);
        }
        final SimConnection connection = sim.connections().get(0);
        assertTrue(sim.awaitTip(TestBlocks.hash(chain.get(chain.size() - 1)), WAIT),
            () -> "tip " + sim.tipHeight() + ", " + connection.messagesReceived() + ", " + connection.misbehaviourEvents());
        assertEquals(1, sim.connections().size(), sim::toString);
        assertTrue(connection.isOpen());
        assertTrue(connection.misbehaviourScore() <= 10, () -> connection.misbehaviourEvents().toString());
    }
}
