package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broadcast loops driven by the test through {@link Broadcaster#invoker()} under a
 * {@link ManualClock}: every time-out, back-off, cool-down and pacing gap is checked exactly, since
 * time moves only when the test says so. Sockets are real (simulated nodes on loopback); the test
 * invokes duty cycles until the network has done its part, with the clock standing still.
 */
class InvokerDutyCycleTest
{
    private static final long START_NS = TimeUnit.SECONDS.toNanos(1_000);
    private static final long REAL_WAIT_NS = TimeUnit.SECONDS.toNanos(20);
    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private final List<BroadcastReceipt> receipts = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock(START_NS);
    private Broadcaster broadcaster;

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
    void shouldWriteCriticalPeersFirst()
    {
        final List<SimulatedDashNode> sims = List.of(start(UnaryOperator.identity()), start(UnaryOperator.identity()),
            start(UnaryOperator.identity()));
        // Configured normal, normal, critical: the critical one (index 2) must be written first.
        final BroadcasterContext ctx = context();
        ctx.addPeer(new PeerEndpoint("n0", "127.0.0.1", sims.get(0).port(), PeerPriority.NORMAL));
        ctx.addPeer(new PeerEndpoint("n1", "127.0.0.1", sims.get(1).port(), PeerPriority.HIGH));
        ctx.addPeer(new PeerEndpoint("c2", "127.0.0.1", sims.get(2).port(), PeerPriority.CRITICAL));
        launch(ctx);
        invokeUntil(() -> broadcaster.readyPeerCount() == 3);

        clock.ticking(true);
        broadcaster.submit(TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build());
        invokeUntil(() -> receipts.size() == 1);
        final List<BroadcastReceipt.PeerResult> peers = receipts.get(0).peers();
        assertTrue(peers.get(2).handoffNs() < peers.get(1).handoffNs(), receipts::toString);
        assertTrue(peers.get(1).handoffNs() < peers.get(0).handoffNs(), receipts::toString);
    }

    @Test
    @Timeout(60)
    void shouldPaceABigBlockPeerAfterPeerAtExactlyTheLineTime()
    {
        final int uplinkMbps = 100;
        final BroadcasterContext ctx = context().uplinkMbps(uplinkMbps).compactBlocks(false);
        final List<SimulatedDashNode> sims = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            sims.add(start(UnaryOperator.identity()));
            ctx.addPeer(new PeerEndpoint("p" + i, "127.0.0.1", sims.get(i).port(),
                i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
        }
        launch(ctx);
        invokeUntil(() -> broadcaster.readyPeerCount() == 4);

        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).padToSize(512 * 1024).build();
        final long spacingNs = (block.length + 24L) * 8L * 1_000L / uplinkMbps;
        assertTrue(broadcaster.submit(block) >= 0);
        for (int i = 0; i < 4; i++)
        {
            final SimulatedDashNode sim = sims.get(i);
            invokeUntil(() -> !sim.blockArrivals().isEmpty());
            for (int j = i + 1; j < 4; j++)
            {
                assertTrue(sims.get(j).blockArrivals().isEmpty(), "peer " + j + " started before its time");
            }
            clock.advance(spacingNs);
        }
        invokeUntil(() -> receipts.size() == 1);
        final List<BroadcastReceipt.PeerResult> peers = receipts.get(0).peers();
        for (int i = 0; i < 4; i++)
        {
            assertEquals(i * spacingNs, peers.get(i).handoffNs(), receipts::toString);
        }
    }

    @Test
    @Timeout(60)
    void shouldHoldOnePeerToItsUploadCap()
    {
        final long capBytesPerSecond = 128 * 1024;
        final BroadcasterContext ctx = context().compactBlocks(false).peerUploadCapBytesPerSecond(capBytesPerSecond)
            .broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(30));
        final SimulatedDashNode sim = start(UnaryOperator.identity());
        ctx.addPeer(new PeerEndpoint("capped", "127.0.0.1", sim.port(), PeerPriority.CRITICAL));
        launch(ctx);
        invokeUntil(() -> broadcaster.readyPeerCount() == 1);

        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).padToSize(512 * 1024).build();
        final long sentBefore = wireSent(ctx, 0);
        assertTrue(broadcaster.submit(block) >= 0);
        final long stepNs = TimeUnit.MILLISECONDS.toNanos(100);
        long elapsedNs = 0;
        while (receipts.isEmpty())
        {
            invokeFor(TimeUnit.MILLISECONDS.toNanos(5));
            // Never more than the burst (64 KiB) plus what the elapsed time earned.
            final long sent = wireSent(ctx, 0) - sentBefore;
            assertTrue(sent <= UploadBudget.MIN_BURST_BYTES + elapsedNs * capBytesPerSecond / 1_000_000_000L,
                () -> sent + " bytes by " + clock.nanoTime());
            clock.advance(stepNs);
            elapsedNs += stepNs;
            assertTrue(elapsedNs < TimeUnit.SECONDS.toNanos(10), "the capped block never finished");
        }
        // (512 KiB - 64 KiB burst) at 128 KiB/s: 3.5 s of the manual clock, give or take one step.
        final long handoffNs = receipts.get(0).peers().get(0).handoffNs();
        assertTrue(handoffNs >= TimeUnit.MILLISECONDS.toNanos(3_300) && handoffNs <= TimeUnit.MILLISECONDS.toNanos(3_700),
            () -> "hand-off at " + handoffNs + " ns");
        assertEquals(1, receipts.get(0).ackCount(), receipts::toString);
        assertTrue(wireReceived(ctx, 0) > 0);
    }

    @Test
    @Timeout(60)
    void shouldShareTheOverallUploadCapAcrossPeersAndPaceByIt()
    {
        final long capBytesPerSecond = 256 * 1024;
        final BroadcasterContext ctx = context().compactBlocks(false).uploadCapBytesPerSecond(capBytesPerSecond)
            .broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(30));
        for (int i = 0; i < 2; i++)
        {
            ctx.addPeer(new PeerEndpoint("p" + i, "127.0.0.1", start(UnaryOperator.identity()).port(), PeerPriority.HIGH));
        }
        launch(ctx);
        assertEquals(2, ctx.effectiveUplinkMbps(), "the cap is the uplink the pacing plans with");
        invokeUntil(() -> broadcaster.readyPeerCount() == 2);

        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).padToSize(384 * 1024).build();
        final long sentBefore = wireSent(ctx, 0) + wireSent(ctx, 1);
        assertTrue(broadcaster.submit(block) >= 0);
        final long stepNs = TimeUnit.MILLISECONDS.toNanos(100);
        long elapsedNs = 0;
        while (receipts.isEmpty())
        {
            invokeFor(TimeUnit.MILLISECONDS.toNanos(5));
            final long sent = wireSent(ctx, 0) + wireSent(ctx, 1) - sentBefore;
            final long allowed = Math.max(UploadBudget.MIN_BURST_BYTES, capBytesPerSecond / 10) +
                elapsedNs * capBytesPerSecond / 1_000_000_000L;
            assertTrue(sent <= allowed, () -> sent + " bytes by " + clock.nanoTime());
            clock.advance(stepNs);
            elapsedNs += stepNs;
            assertTrue(elapsedNs < TimeUnit.SECONDS.toNanos(10), "the capped block never finished");
        }
        assertEquals(2, receipts.get(0).ackCount(), receipts::toString);
        // Both frames, 2 x 384 KiB less the 64 KiB burst, at 256 KiB/s: about 2.75 s for the last.
        final long lastNs = receipts.get(0).peers().stream().mapToLong(BroadcastReceipt.PeerResult::handoffNs).max()
            .orElseThrow();
        assertTrue(lastNs >= TimeUnit.MILLISECONDS.toNanos(2_500) && lastNs <= TimeUnit.MILLISECONDS.toNanos(3_000),
            () -> "last hand-off at " + lastNs + " ns");
    }

    private static long wireSent(final BroadcasterContext ctx, final int peer)
    {
        return ctx.status().peer(peer).get(io.dashcast.engine.status.PeerCounterDescriptor.WIRE_SENT_BYTES);
    }

    private static long wireReceived(final BroadcasterContext ctx, final int peer)
    {
        return ctx.status().peer(peer).get(io.dashcast.engine.status.PeerCounterDescriptor.WIRE_RECEIVED_BYTES);
    }

    @Test
    @Timeout(60)
    void shouldBackOffUpToTheReconnectDelayAndNeverOpenTheBreakerForARefusedPort() throws Exception
    {
        final int port = freePort();
        final long initialNs = TimeUnit.MILLISECONDS.toNanos(100);
        final long capNs = TimeUnit.SECONDS.toNanos(2);
        launch(context()
            .addPeer(PeerEndpoint.of("127.0.0.1", port, PeerPriority.CRITICAL))
            .reconnectDelayNs(initialNs)
            .reconnectMaxDelayNs(capNs)
            .breakerThreshold(3)
            .breakerCooldownNs(TimeUnit.SECONDS.toNanos(60)));
        final long stepNs = TimeUnit.MILLISECONDS.toNanos(10);
        long lastAttemptNs = clock.nanoTime();
        long longestGapNs = 0;
        for (int failures = 1; failures <= 12; failures++)
        {
            final int expected = failures;
            invokeUntil(() -> refused() >= expected || clock.nanoTime() > START_NS + TimeUnit.MINUTES.toNanos(10),
                stepNs);
            assertEquals(PeerState.BACKOFF, peer().state(), "a refused port never opens the breaker");
            longestGapNs = Math.max(longestGapNs, clock.nanoTime() - lastAttemptNs);
            lastAttemptNs = clock.nanoTime();
        }
        assertEquals(12, refused());
        assertTrue(longestGapNs <= capNs + stepNs, "gap " + longestGapNs);
        assertTrue(longestGapNs >= capNs / 2, "the back-off grew to the cap: " + longestGapNs);

        // The node comes back: READY within reconnect_delay (the cap) + 1 s of clock time.
        final long backNs = clock.nanoTime();
        start(c -> c.port(port));
        invokeUntil(() -> broadcaster.readyPeerCount() == 1, stepNs);
        assertTrue(clock.nanoTime() - backNs <= capNs + TimeUnit.SECONDS.toNanos(1),
            "ready after " + (clock.nanoTime() - backNs) + " ns");
    }

    @Test
    @Timeout(60)
    void shouldOpenTheBreakerAfterRepeatedHandshakeFailuresAndRetryExactlyAfterTheCooldown()
    {
        final SimulatedDashNode sim = start(c -> c.misbehaviour(new SimMisbehaviour().closeDuringHandshake(true)));
        final long cooldownNs = TimeUnit.SECONDS.toNanos(60);
        launch(context()
            .addPeer(PeerEndpoint.of("127.0.0.1", sim.port(), PeerPriority.NORMAL))
            .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(10))
            .reconnectMaxDelayNs(TimeUnit.MILLISECONDS.toNanos(20))
            .breakerThreshold(3)
            .breakerCooldownNs(cooldownNs));
        invokeUntil(() -> peer().state() == PeerState.CIRCUIT_OPEN, TimeUnit.MILLISECONDS.toNanos(5));
        assertEquals(3, peer().failures().get(FailureReason.PEER_CLOSED));
        final int connections = sim.connections().size();
        final long openedNs = clock.nanoTime();

        clock.advance(cooldownNs - TimeUnit.MILLISECONDS.toNanos(2));
        invokeFor(TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(connections, sim.connections().size(), "no attempt before the cool-down ends");
        assertEquals(PeerState.CIRCUIT_OPEN, peer().state());

        clock.advance(TimeUnit.MILLISECONDS.toNanos(3));
        invokeUntil(() -> sim.connections().size() > connections);
        assertTrue(clock.nanoTime() - openedNs > cooldownNs);
    }

    @Test
    @Timeout(60)
    void shouldRetryACriticalPeerFailingItsHandshakeAtLeastEveryReconnectDelay()
    {
        final SimulatedDashNode sim = start(c -> c.misbehaviour(new SimMisbehaviour().closeDuringHandshake(true)));
        final long capNs = TimeUnit.SECONDS.toNanos(3);
        launch(context()
            .addPeer(PeerEndpoint.of("127.0.0.1", sim.port(), PeerPriority.CRITICAL))
            .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(10))
            .reconnectMaxDelayNs(capNs)
            .breakerThreshold(2)
            .breakerCooldownNs(TimeUnit.SECONDS.toNanos(60)));
        invokeUntil(() -> peer().state() == PeerState.CIRCUIT_OPEN, TimeUnit.MILLISECONDS.toNanos(5));
        final int connections = sim.connections().size();
        clock.advance(capNs + 1);
        invokeUntil(() -> sim.connections().size() > connections);
    }

    @Test
    @Timeout(60)
    void shouldCutAStalledPeerExactlyAtTheBroadcastTimeoutWithoutDelayingTheOthers()
    {
        final SimulatedDashNode healthy = start(UnaryOperator.identity());
        final SimulatedDashNode stalled = start(c -> c.misbehaviour(new SimMisbehaviour().stallAfterHandshake(true)));
        final long timeoutNs = TimeUnit.SECONDS.toNanos(2);
        launch(context()
            .addPeer(PeerEndpoint.of("127.0.0.1", healthy.port(), PeerPriority.CRITICAL))
            .addPeer(PeerEndpoint.of("127.0.0.1", stalled.port(), PeerPriority.NORMAL))
            .broadcastTimeoutNs(timeoutNs));
        invokeUntil(() -> broadcaster.readyPeerCount() == 2);
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).padToSize(1024 * 1024)
            .build();
        final long submitNs = clock.nanoTime();
        assertTrue(broadcaster.submit(block) >= 0);
        invokeUntil(() -> healthy.blockArrivals().size() == 1);
        invokeFor(TimeUnit.MILLISECONDS.toNanos(100));

        clock.advance(timeoutNs);
        invokeFor(TimeUnit.MILLISECONDS.toNanos(100));
        assertTrue(receipts.isEmpty(), "not cut before the time-out: " + receipts);
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
        invokeUntil(() -> receipts.size() == 1);

        final BroadcastReceipt receipt = receipts.get(0);
        assertEquals(0, receipt.peers().get(0).handoffNs(), "the healthy peer was not delayed at all");
        assertEquals(PeerOutcome.ACKED, receipt.peers().get(0).outcome());
        assertEquals(FailureReason.BROADCAST_TIMEOUT, receipt.peers().get(1).failure(), receipt::toString);
        assertEquals(timeoutNs + TimeUnit.MILLISECONDS.toNanos(1), clock.nanoTime() - submitNs);
        assertNotEquals(PeerState.READY, broadcaster.stats().peers().get(1).state());
    }

    @Test
    @Timeout(60)
    void shouldSendAHeldBackChildWhenItsParentArrivesOnlyInsideItsBroadcastTimeout()
    {
        final SimulatedDashNode sim = start(UnaryOperator.identity());
        final long timeoutNs = TimeUnit.SECONDS.toNanos(5);
        launch(context()
            .addPeer(PeerEndpoint.of("127.0.0.1", sim.port(), PeerPriority.CRITICAL))
            .broadcastTimeoutNs(timeoutNs));
        invokeUntil(() -> broadcaster.readyPeerCount() == 1);
        final byte[] b1 = sim.mineBlock();
        invokeUntil(() -> peer().messagesReceived().containsKey("headers") || peer().messagesReceived().containsKey("inv"));
        final byte[] b2 = TestBlocks.on(b1, 1).build();
        final byte[] b3 = TestBlocks.on(b2, 2).build();
        final byte[] b4 = TestBlocks.on(b3, 3).build();

        // b3 waits for b2, which comes inside b3's time-out: both go out, in order.
        broadcaster.submit(b3);
        invokeFor(TimeUnit.MILLISECONDS.toNanos(50));
        clock.advance(timeoutNs - TimeUnit.MILLISECONDS.toNanos(1));
        broadcaster.submit(b2);
        invokeUntil(() -> sim.blockArrivals().size() == 2);
        assertEquals(TestBlocks.hashHex(b3), sim.blockArrivals().get(1).hashHex());
        invokeUntil(() -> receipts.size() == 2);
        final BroadcastReceipt.PeerResult heldBack = receipts.stream().filter(r -> r.sequence() == 0).findFirst()
            .orElseThrow().peers().get(0);
        assertEquals(SendReason.PARENT_ARRIVED, heldBack.reason(), receipts::toString);
        assertEquals(PeerOutcome.ACKED, heldBack.outcome(), receipts::toString);

        // b5 waits for b4, which comes after b5's time-out: b5 is not sent.
        final byte[] b5 = TestBlocks.on(b4, 4).build();
        broadcaster.submit(b5);
        invokeFor(TimeUnit.MILLISECONDS.toNanos(50));
        clock.advance(timeoutNs + 1);
        broadcaster.submit(b4);
        invokeUntil(() -> sim.blockArrivals().size() == 3);
        invokeFor(TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(3, sim.blockArrivals().size(), "b5 expired before its parent came");
    }

    private long refused()
    {
        return peer().failures().getOrDefault(FailureReason.CONNECT_REFUSED, 0L);
    }

    private PeerStats peer()
    {
        return broadcaster.stats().peers().get(0);
    }

    private BroadcasterContext context()
    {
        return new BroadcasterContext()
            .network(Network.REGTEST)
            .loopCount(1)
            .threadingMode(ThreadingMode.INVOKER)
            .nanoClock(clock)
            .receiptListener(r -> receipts.add(r.toReceipt()));
    }

    private void launch(final BroadcasterContext ctx)
    {
        broadcaster = Broadcaster.launch(ctx);
    }

    /**
     * Invoke duty cycles, the clock standing still, until the condition holds.
     */
    private void invokeUntil(final BooleanSupplier condition)
    {
        invokeUntil(condition, 0);
    }

    /**
     * Invoke duty cycles until the condition holds; after each idle cycle move the clock by
     * {@code stepNs} (0: never).
     */
    private void invokeUntil(final BooleanSupplier condition, final long stepNs)
    {
        final long deadline = System.nanoTime() + REAL_WAIT_NS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not met in time; clock at " + clock.nanoTime());
            if (broadcaster.invoker().invoke() == 0)
            {
                if (stepNs > 0 && isWaitingForItsTimer(peer().state()))
                {
                    // Time moves only while the peer waits for the clock, never while the network works.
                    clock.advance(stepNs);
                }
                Thread.yield();
            }
        }
    }

    private static boolean isWaitingForItsTimer(final PeerState state)
    {
        return state == PeerState.BACKOFF || state == PeerState.CIRCUIT_OPEN || state == PeerState.DISCONNECTED;
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

    private SimulatedDashNode start(final UnaryOperator<SimulatedDashNode.Context> customise)
    {
        final SimulatedDashNode node = SimulatedDashNode.start(
            customise.apply(new SimulatedDashNode.Context().network(Network.REGTEST).recordBlockBytes(true)));
        nodes.add(node);
        return node;
    }

    private static int freePort() throws Exception
    {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return probe.getLocalPort();
        }
    }
}
