package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live peer set in {@link ThreadingMode#INVOKER}: peers added, removed, pinned and
 * re-prioritised while blocks flow, each change a command the loop applies in its own duty cycle.
 */
class LivePeerSetTest
{
    private static final long REAL_WAIT_NS = TimeUnit.SECONDS.toNanos(20);

    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private final List<BroadcastReceipt> receipts = new CopyOnWriteArrayList<>();
    private Broadcaster broadcaster;
    private byte[] tip = TestBlocks.genesis(Network.REGTEST);
    private int height;

    @AfterEach
    void tearDown()
    {
        if (broadcaster != null)
        {
            broadcaster.close();
        }
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(60)
    void shouldAddPeersWhileRunningOnTheLeastLoadedLoopAndIncludeThemInReceipts()
    {
        final SimulatedDashNode configured = start(new SimMisbehaviour());
        launch(context(2).addPeer(endpoint("configured", configured, PeerPriority.NORMAL)));
        invokeUntil(() -> broadcaster.readyPeerCount() == 1);
        assertTrue(broadcaster.isPinned("configured"), "configured peers are pinned");

        final SimulatedDashNode a = start(new SimMisbehaviour());
        final SimulatedDashNode b = start(new SimMisbehaviour());
        assertEquals(PeerChange.ADDED, broadcaster.addPeer(endpoint("a", a, PeerPriority.NORMAL), false));
        assertEquals(PeerChange.ADDED, broadcaster.addPeer(endpoint("b", b, PeerPriority.HIGH), false));
        assertEquals(PeerChange.DUPLICATE_PEER, broadcaster.addPeer(endpoint("a", a, PeerPriority.NORMAL), false));
        assertEquals(PeerChange.DUPLICATE_PEER, broadcaster.addPeer(endpoint("a-again", a, PeerPriority.NORMAL), false),
            "same host and port under another name");
        assertFalse(broadcaster.isPinned("a"));
        invokeUntil(() -> broadcaster.readyPeerCount() == 3);

        final BroadcastReceipt receipt = broadcast();
        assertEquals(3, receipt.peers().size(), receipt::toString);
        assertEquals(3, receipt.ackCount(), receipt::toString);
        assertEquals(List.of("configured", "a", "b"), names(broadcaster.livePeers()));
    }

    @Test
    @Timeout(60)
    void shouldRefuseToRemoveAPinnedPeerAndCloseARemovedOneAfterItsInFlightBlock()
    {
        final SimulatedDashNode configured = start(new SimMisbehaviour());
        // The removed peer takes 300 ms to answer the block's ping: its block is in flight when it goes.
        final SimulatedDashNode slow = start(new SimMisbehaviour().pongDelayMs(300));
        launch(context(1)
            .addPeer(endpoint("configured", configured, PeerPriority.NORMAL))
            .addPeer(endpoint("slow", slow, PeerPriority.NORMAL)));
        invokeUntil(() -> broadcaster.readyPeerCount() == 2);

        assertEquals(PeerChange.PINNED_PEER, broadcaster.removePeer("slow"));
        assertEquals(PeerChange.UNPINNED, broadcaster.pinPeer("slow", false));
        assertEquals(PeerChange.UNCHANGED, broadcaster.pinPeer("slow", false));

        final long sequence = broadcaster.submit(nextBlock());
        assertTrue(sequence >= 0);
        invokeUntil(() -> !slow.blockArrivals().isEmpty());
        assertEquals(PeerChange.REMOVING, broadcaster.removePeer("slow"));
        assertEquals(PeerChange.UNKNOWN_PEER, broadcaster.removePeer("slow"), "already on its way out");
        assertEquals(List.of("configured"), names(broadcaster.livePeers()));

        invokeUntil(() -> receipts.size() == 1);
        final Map<String, BroadcastReceipt.PeerResult> byName = byName(receipts.get(0));
        assertEquals(PeerOutcome.ACKED, byName.get("slow").outcome(), "its in-flight block finished first: " + receipts);
        invokeUntil(() -> broadcaster.peerTableOccupancy() == 1);
        assertTrue(slow.await(() -> slow.openConnectionCount() == 0, java.time.Duration.ofSeconds(10)),
            "closed after its block");

        final BroadcastReceipt after = broadcast();
        assertEquals(List.of("configured"), after.peers().stream().map(BroadcastReceipt.PeerResult::name).toList());
        // Never dials it again.
        invokeFor(TimeUnit.MILLISECONDS.toNanos(300));
        assertEquals(0, slow.openConnectionCount());
    }

    @Test
    @Timeout(60)
    void shouldCloseAnIdleRemovedPeerAtOnceWhileABusyOneFinishesItsBlock()
    {
        final SimulatedDashNode configured = start(new SimMisbehaviour());
        final SimulatedDashNode busy = start(new SimMisbehaviour().pongDelayMs(1500));
        final SimulatedDashNode idle = start(new SimMisbehaviour());
        launch(context(1).addPeer(endpoint("configured", configured, PeerPriority.NORMAL)));
        assertEquals(PeerChange.ADDED, broadcaster.addPeer(endpoint("busy", busy, PeerPriority.NORMAL), false));
        assertEquals(PeerChange.ADDED, broadcaster.addPeer(endpoint("idle", idle, PeerPriority.NORMAL), false));
        invokeUntil(() -> broadcaster.readyPeerCount() == 3);
        broadcast();

        // busy acks the next block 1.5 s late; idle acks at once.
        assertTrue(broadcaster.submit(nextBlock()) >= 0);
        invokeUntil(() -> busy.blockArrivals().size() == 2 && idle.blockArrivals().size() == 2);
        invokeUntil(() -> broadcaster.stats().peers().stream().anyMatch(p -> p.name().equals("idle") && p.blocksAcked() == 2));
        assertEquals(PeerChange.REMOVING, broadcaster.removePeer("busy"));
        assertEquals(PeerChange.REMOVING, broadcaster.removePeer("idle"));
        invokeUntil(() -> idle.openConnectionCount() == 0);
        invokeUntil(() -> broadcaster.peerTableOccupancy() <= 2);
        assertEquals(2, broadcaster.peerTableOccupancy(), "idle closed at once, busy still finishing its block");
        invokeUntil(() -> receipts.size() == 2);
        assertEquals(PeerOutcome.ACKED, byName(receipts.get(1)).get("busy").outcome(), receipts::toString);
        invokeUntil(() -> broadcaster.peerTableOccupancy() == 1);
        assertEquals(0, broadcaster.errorCount(), "no loop error");

        final BroadcastReceipt after = broadcast();
        assertEquals(List.of("configured"), after.peers().stream().map(BroadcastReceipt.PeerResult::name).toList());
    }

    @Test
    @Timeout(60)
    void shouldReuseAFreedIndexAndFillTheTableNoFurther()
    {
        final SimulatedDashNode configured = start(new SimMisbehaviour());
        launch(context(1).peerCapacity(2).addPeer(endpoint("configured", configured, PeerPriority.NORMAL)));
        final SimulatedDashNode a = start(new SimMisbehaviour());
        final SimulatedDashNode b = start(new SimMisbehaviour());
        assertEquals(PeerChange.ADDED, broadcaster.addPeer(endpoint("a", a, PeerPriority.NORMAL), false));
        assertEquals(PeerChange.TABLE_FULL, broadcaster.addPeer(endpoint("b", b, PeerPriority.NORMAL), false));
        invokeUntil(() -> broadcaster.readyPeerCount() == 2);

        assertEquals(PeerChange.REMOVING, broadcaster.removePeer("a"));
        invokeUntil(() -> broadcaster.peerTableOccupancy() == 1);
        assertEquals(PeerChange.ADDED, broadcaster.addPeer(endpoint("b", b, PeerPriority.NORMAL), true));
        invokeUntil(() -> broadcaster.readyPeerCount() == 2);
        assertTrue(broadcaster.isPinned("b"));

        final BroadcastReceipt receipt = broadcast();
        assertEquals(List.of("configured", "b"), receipt.peers().stream().map(BroadcastReceipt.PeerResult::name).toList());
        assertEquals(2, receipt.ackCount(), receipt::toString);
        assertEquals("b", broadcaster.context().status().peer(1).name(), "the freed index's counters are b's now");
    }

    @Test
    @Timeout(60)
    void shouldWriteToARePrioritisedPeerInItsNewTurn()
    {
        final SimulatedDashNode first = start(new SimMisbehaviour());
        final SimulatedDashNode second = start(new SimMisbehaviour());
        launch(context(1)
            .addPeer(endpoint("first", first, PeerPriority.NORMAL))
            .addPeer(endpoint("second", second, PeerPriority.NORMAL)));
        invokeUntil(() -> broadcaster.readyPeerCount() == 2);

        assertEquals(PeerChange.PRIORITY_SET, broadcaster.prioritisePeer("second", PeerPriority.CRITICAL));
        assertEquals(PeerChange.UNCHANGED, broadcaster.prioritisePeer("second", PeerPriority.CRITICAL));
        final BroadcastReceipt receipt = broadcast();
        final Map<String, BroadcastReceipt.PeerResult> byName = byName(receipt);
        assertEquals(PeerPriority.CRITICAL, byName.get("second").priority());
        assertTrue(byName.get("second").handoffNs() <= byName.get("first").handoffNs(),
            "the critical peer is written first: " + receipt);
        assertEquals(PeerPriority.CRITICAL, broadcaster.stats().peers().stream()
            .filter(p -> p.name().equals("second")).findFirst().orElseThrow().priority());
    }

    @Test
    @Timeout(60)
    void shouldAnswerClosedAfterClose()
    {
        final SimulatedDashNode configured = start(new SimMisbehaviour());
        launch(context(1).addPeer(endpoint("configured", configured, PeerPriority.NORMAL)));
        broadcaster.close();
        assertEquals(PeerChange.CLOSED, broadcaster.addPeer(endpoint("x", configured, PeerPriority.NORMAL), false));
        assertEquals(PeerChange.CLOSED, broadcaster.removePeer("configured"));
    }

    private BroadcastReceipt broadcast()
    {
        final int before = receipts.size();
        assertTrue(broadcaster.submit(nextBlock()) >= 0);
        invokeUntil(() -> receipts.size() > before);
        return receipts.get(before);
    }

    private byte[] nextBlock()
    {
        final byte[] block = TestBlocks.on(tip, height++).build();
        tip = block;
        return block;
    }

    private static Map<String, BroadcastReceipt.PeerResult> byName(final BroadcastReceipt receipt)
    {
        return receipt.peers().stream().collect(Collectors.toMap(BroadcastReceipt.PeerResult::name, Function.identity()));
    }

    private static List<String> names(final List<PeerEndpoint> peers)
    {
        return peers.stream().map(PeerEndpoint::name).toList();
    }

    private static PeerEndpoint endpoint(final String name, final SimulatedDashNode node, final PeerPriority priority)
    {
        return new PeerEndpoint(name, "127.0.0.1", node.port(), priority);
    }

    private BroadcasterContext context(final int loops)
    {
        return new BroadcasterContext()
            .network(Network.REGTEST)
            .loopCount(loops)
            .threadingMode(ThreadingMode.INVOKER)
            .receiptListener(r -> receipts.add(r.toReceipt()));
    }

    private void launch(final BroadcasterContext ctx)
    {
        broadcaster = Broadcaster.launch(ctx);
    }

    private SimulatedDashNode start(final SimMisbehaviour misbehaviour)
    {
        final SimulatedDashNode node = SimulatedDashNode.start(
            new SimulatedDashNode.Context().network(Network.REGTEST).misbehaviour(misbehaviour));
        nodes.add(node);
        return node;
    }

    private void invokeUntil(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + REAL_WAIT_NS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not met in time: " + receipts);
            if (broadcaster.invoker().invoke() == 0)
            {
                Thread.yield();
            }
        }
    }

    private void invokeFor(final long realNs)
    {
        final long end = System.nanoTime() + realNs;
        while (System.nanoTime() < end)
        {
            broadcaster.invoker().invoke();
            Thread.yield();
        }
    }
}
