package io.dashcast.engine;

import io.dashcast.sim.BlockArrival;
import io.dashcast.sim.SimConnection;
import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import io.dashcast.protocol.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's acceptance tests, against simulated Dash Core nodes on 127.0.0.1.
 */
class BroadcasterTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private final List<Broadcaster> broadcasters = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        broadcasters.forEach(Broadcaster::close);
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(60)
    void shouldDeliverByteIdenticalValidBlockToTwentyNodesWithHandoffsAndAcks() throws Exception
    {
        final List<SimulatedDashNode> sims = startNodes(20, UnaryOperator.identity());
        final Broadcaster broadcaster = launch(context(sims, 2));
        awaitReady(broadcaster, 20);

        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).dummyTransactions(5).build();
        final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);

        assertEquals(20, receipt.handoffCount(), receipt::toString);
        assertEquals(20, receipt.ackCount(), receipt::toString);
        final byte[] hash = TestBlocks.hash(block);
        for (final SimulatedDashNode sim : sims)
        {
            final BlockArrival arrival = sim.awaitBlock(hash, WAIT);
            assertNotNull(arrival, sim.toString());
            assertTrue(arrival.verdict().accepted(), arrival::toString);
            assertArrayEquals(block, arrival.bytes());
            assertArrayEquals(hash, sim.tipHash());
            assertEquals(0, totalMisbehaviour(sim));
        }
        final BroadcasterStats stats = broadcaster.stats();
        assertEquals(1, stats.blocksCompleted());
        assertEquals(20, stats.readyPeers());
        stats.peers().forEach(p -> assertEquals(1, p.blocksAcked(), p::toString));
    }

    @Test
    @Timeout(120)
    void shouldCutStalledNodeWithoutDelayingTheOthers() throws Exception
    {
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).padToSize(1024 * 1024).build();
        final long cleanMaxNs;
        {
            final List<SimulatedDashNode> healthy = startNodes(18, UnaryOperator.identity());
            final Broadcaster clean = launch(context(healthy, 2));
            awaitReady(clean, 18);
            final BroadcastReceipt receipt = clean.submitAsync(block).get(20, TimeUnit.SECONDS);
            assertEquals(18, receipt.handoffCount());
            cleanMaxNs = receipt.peers().stream().mapToLong(BroadcastReceipt.PeerResult::handoffNs).max().orElseThrow();
            clean.close();
        }

        final int threadsBefore = loopThreads();
        final List<SimulatedDashNode> sims = startNodes(18, UnaryOperator.identity());
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().stallAfterHandshake(true))));
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().slowReaderBytesPerSecond(64 * 1024))));
        final long timeoutNs = TimeUnit.SECONDS.toNanos(2);
        final Broadcaster broadcaster = launch(context(sims, 2).broadcastTimeoutNs(timeoutNs));
        awaitReady(broadcaster, 20);
        final long start = System.nanoTime();
        final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(30, TimeUnit.SECONDS);
        final long tookNs = System.nanoTime() - start;

        for (int i = 0; i < 18; i++)
        {
            final BroadcastReceipt.PeerResult peer = receipt.peers().get(i);
            assertTrue(peer.handoffNs() >= 0, peer::toString);
            // Far under the time-out: a stalled peer would add whole seconds. The exact check (no delay
            // at all) runs under a manual clock: InvokerDutyCycleTest.
            assertTrue(peer.handoffNs() < Math.max(10 * cleanMaxNs, timeoutNs / 2),
                () -> peer + " vs clean max " + cleanMaxNs);
        }
        final BroadcastReceipt.PeerResult stalled = receipt.peers().get(18);
        assertTrue(stalled.outcome() == PeerOutcome.FAILED || stalled.outcome() == PeerOutcome.HANDED_OFF,
            stalled::toString);
        assertEquals(FailureReason.BROADCAST_TIMEOUT, stalled.failure());
        assertEquals(FailureReason.BROADCAST_TIMEOUT, receipt.peers().get(19).failure());
        assertTrue(tookNs >= timeoutNs, "the stalled peer was cut only at broadcast_timeout");
        assertEquals(1, broadcaster.stats().peers().get(18).failures().get(FailureReason.BROADCAST_TIMEOUT));

        broadcaster.close();
        assertTrue(Await.until(() -> loopThreads() <= threadsBefore, WAIT), "broadcast loop threads stopped");
        // A stalled node never reads, so it never sees the close; the others must all see it.
        assertTrue(Await.until(() -> sims.subList(0, 18).stream().allMatch(s -> s.openConnectionCount() == 0), WAIT),
            "sockets closed");
    }

    @Test
    @Timeout(60)
    void shouldSendNothingWhileWarmingUpAndThenDeliverBlocksFromEitherForm() throws Exception
    {
        // The launch warm-up (dummy blocks, its own ring, the loops woken) reaches no peer; the
        // blocks after it, from direct memory and from a byte[], arrive byte for byte.
        final List<SimulatedDashNode> sims = startNodes(2, UnaryOperator.identity());
        final Broadcaster broadcaster = launchWithNoBlockSent(sims, context(sims, 1).warmUpIterations(200));
        final byte[] first = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final org.agrona.concurrent.UnsafeBuffer direct =
            new org.agrona.concurrent.UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(first.length));
        direct.putBytes(0, first);
        assertTrue(broadcaster.submit(direct, 0, first.length) >= 0);
        final byte[] second = TestBlocks.on(first, 1).build();
        final BroadcastReceipt receipt = broadcaster.submitAsync(second).get(20, TimeUnit.SECONDS);
        assertEquals(2, receipt.ackCount());
        for (final SimulatedDashNode sim : sims)
        {
            assertTrue(sim.awaitTip(TestBlocks.hash(second), WAIT));
            assertEquals(2, sim.blockArrivals().size());
        }
    }

    @Test
    @Timeout(60)
    void shouldRehearseWithItsOwnNodeOnlyThenDeliverTheFirstBlock() throws Exception
    {
        // The launch rehearsal pushes its blocks to a node of its own: the configured nodes see one
        // connection each (the real broadcaster's), no block, and then the first real block whole.
        final List<SimulatedDashNode> sims = startNodes(2, UnaryOperator.identity());
        final Broadcaster broadcaster = launchWithNoBlockSent(sims, context(sims, 1).rehearsalBlocks(300));
        for (final SimulatedDashNode sim : sims)
        {
            assertEquals(1, sim.connections().size());
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().contains("rehearsal")),
            "the rehearsal's threads are gone");
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
        assertEquals(2, receipt.ackCount(), receipt::toString);
        for (final SimulatedDashNode sim : sims)
        {
            final BlockArrival arrival = sim.awaitBlock(TestBlocks.hash(block), WAIT);
            assertNotNull(arrival);
            assertEquals(block.length, arrival.sizeBytes());
            assertEquals(1, sim.blockArrivals().size());
        }
    }

    @Test
    @Timeout(60)
    void shouldReconnectRestartedNodeAndDeliverTheNextBlock() throws Exception
    {
        SimulatedDashNode sim = start(UnaryOperator.identity());
        final int port = sim.port();
        final Broadcaster broadcaster = launch(context(List.of(sim), 1).reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(20)));
        awaitReady(broadcaster, 1);
        sim.close();
        nodes.remove(sim);
        assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 0, WAIT));

        sim = start(c -> c.port(port));
        awaitReady(broadcaster, 1);
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
        assertEquals(1, receipt.ackCount());
        assertNotNull(sim.awaitBlock(TestBlocks.hash(block), WAIT));
        assertEquals(2, broadcaster.stats().peers().get(0).connects());
    }

    @Test
    @Timeout(60)
    void shouldTripBreakerOnlyAfterRepeatedHandshakeFailures() throws Exception
    {
        final SimulatedDashNode hostile = start(c -> c.misbehaviour(new SimMisbehaviour().closeDuringHandshake(true)));
        final int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            closedPort = probe.getLocalPort();
        }
        final Broadcaster broadcaster = launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .addPeer(PeerEndpoint.of("127.0.0.1", hostile.port(), PeerPriority.NORMAL))
            .addPeer(PeerEndpoint.of("127.0.0.1", closedPort, PeerPriority.CRITICAL))
            .loopCount(1)
            .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(5))
            .reconnectMaxDelayNs(TimeUnit.MILLISECONDS.toNanos(10))
            .breakerThreshold(3)
            .breakerCooldownNs(TimeUnit.SECONDS.toNanos(60)));
        assertTrue(Await.until(() -> broadcaster.stats().peers().get(0).state() == PeerState.CIRCUIT_OPEN, WAIT));
        assertEquals(3, broadcaster.stats().peers().get(0).failures().get(FailureReason.PEER_CLOSED));
        // A closed port is no reason to stop trying: many refusals, never an open breaker.
        assertTrue(Await.until(() -> broadcaster.stats().peers().get(1).failures()
            .getOrDefault(FailureReason.CONNECT_REFUSED, 0L) >= 10, WAIT));
        // Between attempts it is in BACKOFF or CONNECTING, whichever the sample catches; never CIRCUIT_OPEN.
        assertNotEquals(PeerState.CIRCUIT_OPEN, broadcaster.stats().peers().get(1).state());
        // The cool-down and the half-open retry are timed exactly in InvokerDutyCycleTest.
    }

    @Test
    @Timeout(60)
    void shouldHaveARestartedPeerReadyWithinTheReconnectDelayPlusOneSecond() throws Exception
    {
        SimulatedDashNode sim = start(UnaryOperator.identity());
        final int port = sim.port();
        final long reconnectDelayNs = TimeUnit.MILLISECONDS.toNanos(300);
        final Broadcaster broadcaster = launch(context(List.of(sim), 1)
            .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(20))
            .reconnectMaxDelayNs(reconnectDelayNs)
            .breakerThreshold(3)
            .breakerCooldownNs(TimeUnit.SECONDS.toNanos(60)));
        awaitReady(broadcaster, 1);
        sim.close();
        nodes.remove(sim);
        // Down long enough for many failed attempts (more than the breaker threshold).
        assertTrue(Await.until(() -> broadcaster.stats().peers().get(0).failures()
            .getOrDefault(FailureReason.CONNECT_REFUSED, 0L) >= 8, WAIT));
        sim = start(c -> c.port(port));
        final long restartedNs = System.nanoTime();
        awaitReady(broadcaster, 1);
        final long tookNs = System.nanoTime() - restartedNs;
        assertTrue(tookNs < reconnectDelayNs + TimeUnit.SECONDS.toNanos(1), "ready after " + tookNs / 1_000_000 + " ms");
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        assertEquals(1, broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS).ackCount());
    }

    @Test
    @Timeout(90)
    void shouldCloseOnlyTheMisbehavingPeerAndCountItsReason() throws Exception
    {
        final List<SimulatedDashNode> sims = startNodes(2, UnaryOperator.identity());
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().closeDuringHandshake(true))));
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().neverSendVerack(true))));
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().oversizedLength(true))));
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().wrongMagic(true))));
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().garbageBytes(64))));
        final Broadcaster broadcaster = launch(context(sims, 1)
            .handshakeTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(50)));

        final FailureReason[] expected = {
            null, null, FailureReason.PEER_CLOSED, FailureReason.HANDSHAKE_TIMEOUT, FailureReason.OVERSIZED_LENGTH,
            FailureReason.WRONG_MAGIC, FailureReason.WRONG_MAGIC };
        assertTrue(Await.until(() ->
        {
            final List<PeerStats> peers = broadcaster.stats().peers();
            for (int i = 2; i < expected.length; i++)
            {
                if (peers.get(i).failures().getOrDefault(expected[i], 0L) == 0)
                {
                    return false;
                }
            }
            return true;
        }, WAIT), () -> broadcaster.stats().peers().toString());
        awaitReady(broadcaster, 2);
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
        assertEquals(2, receipt.ackCount(), receipt::toString);
        final List<PeerStats> peers = broadcaster.stats().peers();
        assertTrue(peers.get(0).failures().isEmpty(), peers.get(0)::toString);
        assertTrue(peers.get(1).failures().isEmpty(), peers.get(1)::toString);
        assertEquals(1, peers.get(0).connects());
    }

    @Test
    @Timeout(60)
    void shouldCountResetMidBlockAsThatPeersFailureOnly() throws Exception
    {
        final List<SimulatedDashNode> sims = startNodes(1, UnaryOperator.identity());
        sims.add(start(c -> c.misbehaviour(new SimMisbehaviour().resetMidBlockAfterBytes(10_000))));
        final Broadcaster broadcaster = launch(context(sims, 1));
        awaitReady(broadcaster, 2);
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).padToSize(512 * 1024).build();
        final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
        assertEquals(PeerOutcome.ACKED, receipt.peers().get(0).outcome());
        final BroadcastReceipt.PeerResult reset = receipt.peers().get(1);
        assertTrue(reset.outcome() == PeerOutcome.FAILED || reset.outcome() == PeerOutcome.HANDED_OFF, reset::toString);
        assertTrue(Await.until(() -> broadcaster.stats().peers().get(1).failures().keySet().stream()
            .anyMatch(r -> r == FailureReason.IO_ERROR || r == FailureReason.PEER_CLOSED), WAIT));
    }

    @Test
    @Timeout(120)
    void shouldDeliverHundredBlocksInOrderAndReportFullRing() throws Exception
    {
        final List<SimulatedDashNode> sims = startNodes(4, UnaryOperator.identity());
        final Broadcaster broadcaster = launch(context(sims, 1).ringSize(16).retainedBlocks(2));
        awaitReady(broadcaster, 4);
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 100);
        long ringFull = 0;
        for (final byte[] block : chain)
        {
            long result;
            while ((result = broadcaster.submit(block)) == Broadcaster.RING_FULL)
            {
                ringFull++;
                Thread.onSpinWait();
            }
            assertTrue(result >= 0, Broadcaster.describe(result));
        }
        final byte[] lastHash = TestBlocks.hash(chain.get(99));
        for (final SimulatedDashNode sim : sims)
        {
            assertTrue(sim.awaitTip(lastHash, WAIT), sim::toString);
            final List<BlockArrival> arrivals = sim.blockArrivals();
            assertEquals(100, arrivals.size());
            for (int i = 0; i < 100; i++)
            {
                assertArrayEquals(TestBlocks.hash(chain.get(i)), arrivals.get(i).hash(), "block " + i + " in order");
            }
            assertEquals(0, totalMisbehaviour(sim));
        }
        final BroadcasterStats stats = broadcaster.stats();
        assertEquals(100, stats.blocksSubmitted());
        assertEquals(ringFull, stats.blocksRejected(), "every full ring was reported to the submitter");
    }

    @Test
    @Timeout(60)
    void shouldRejectInvalidBlockAtSubmission() throws Exception
    {
        final Broadcaster broadcaster = launch(new BroadcasterContext().network(Network.REGTEST));
        assertEquals(Broadcaster.INVALID_BLOCK, broadcaster.submit(new byte[100]));
        final byte[] block = TestBlocks.genesis(Network.REGTEST);
        assertEquals(Broadcaster.INVALID_BLOCK, broadcaster.submit(Arrays.copyOf(block, block.length - 1)));
        broadcaster.close();
        assertEquals(Broadcaster.CLOSED, broadcaster.submit(block));
    }

    @Test
    @Timeout(60)
    void shouldAnnounceOnlyTheHeaderToAPeerOnAnotherTipAndServeGetdataFromTheRing() throws Exception
    {
        final SimulatedDashNode a = start(UnaryOperator.identity());
        final SimulatedDashNode b = start(UnaryOperator.identity());
        final Broadcaster broadcaster = launch(context(List.of(a, b), 1));
        awaitReady(broadcaster, 2);

        // A and B each find a different block 1 and announce it to us: we learn both tips.
        final byte[] a1 = a.mineBlock();
        final byte[] b1 = b.mineBlock(builder -> builder.extraNonce(7));
        assertTrue(Await.until(() -> broadcaster.stats().peers().stream().allMatch(p -> p.messagesReceived().containsKey("inv") || p.messagesReceived().containsKey("headers")),
            WAIT));

        // A block on A's tip: A gets it in full; B is known to lack its parent and gets only the header.
        final byte[] a2 = TestBlocks.on(a1, 1).build();
        final BroadcastReceipt receipt = broadcaster.submitAsync(a2).get(20, TimeUnit.SECONDS);
        assertEquals(PeerOutcome.ACKED, receipt.peers().get(0).outcome());
        assertFalse(receipt.peers().get(0).headerOnly());
        assertTrue(receipt.peers().get(1).headerOnly());
        assertEquals(PeerOutcome.HELD_BACK, receipt.peers().get(1).outcome());
        assertEquals(0, totalMisbehaviour(b), "B was never sent a block it could not connect");
        assertArrayEquals(TestBlocks.hash(b1), b.tipHash());

        // A block on B's tip after B learns... C starts fresh: pushWhenParentUnknown=false makes us announce
        // the header to a peer whose tip we do not know; it has the parent, asks with getdata, and is served.
        final SimulatedDashNode c = start(UnaryOperator.identity());
        final Broadcaster cautious = launch(context(List.of(c), 1).pushWhenParentUnknown(false));
        awaitReady(cautious, 1);
        final byte[] c1 = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).extraNonce(99).build();
        final BroadcastReceipt served = cautious.submitAsync(c1).get(20, TimeUnit.SECONDS);
        assertTrue(served.peers().get(0).headerOnly());
        assertEquals(PeerOutcome.ACKED, served.peers().get(0).outcome(), served::toString);
        assertNotNull(c.awaitBlock(TestBlocks.hash(c1), WAIT));
        assertTrue(c.connections().get(0).messagesSent().contains("getdata"));
    }

    @Test
    @Timeout(60)
    void shouldStopPushingToALaggingPeerAfterOneUnconnectableBlock() throws Exception
    {
        final SimulatedDashNode lagging = start(UnaryOperator.identity());
        final Broadcaster broadcaster = launch(context(List.of(lagging), 1).broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(1)));
        awaitReady(broadcaster, 1);
        // The pool is at height 2; the peer is still at genesis and has not said so.
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 6);
        broadcaster.submitAsync(chain.get(2)).get(20, TimeUnit.SECONDS);
        // Blocks come minutes apart: the next one arrives after the confirmation round trip (getheaders
        // and a ping behind it) has come back. Within that one round trip a child would still be pushed.
        assertTrue(Await.until(() -> broadcaster.stats().peers().get(0).messagesReceived()
            .getOrDefault("pong", 0L) >= 2, WAIT), "ack pong and confirmation pong");
        for (int h = 3; h < 6; h++)
        {
            broadcaster.submitAsync(chain.get(h)).get(20, TimeUnit.SECONDS);
        }
        // The first (blind) push was an orphan to it: 10 points, once. Its pong came without the header
        // we asked for, so the engine knew the peer lacked the block and pushed nothing unconnectable again.
        assertEquals(10, totalMisbehaviour(lagging));
        final BroadcasterStats stats = broadcaster.stats();
        assertEquals(1, stats.peers().get(0).blocksSent());
        assertEquals(3, stats.peers().get(0).blocksHeldBack());
        assertTrue(lagging.connections().get(0).isOpen());
    }

    @Test
    @Timeout(60)
    void shouldGiveEveryPublishedBlockAReceiptOnClose() throws Exception
    {
        final List<SimulatedDashNode> sims = startNodes(2, UnaryOperator.identity());
        final Broadcaster broadcaster = launch(context(sims, 1));
        awaitReady(broadcaster, 2);
        final List<java.util.concurrent.CompletableFuture<BroadcastReceipt>> receipts = new ArrayList<>();
        for (final byte[] block : TestBlocks.chain(Network.REGTEST, 10))
        {
            receipts.add(broadcaster.submitAsync(block));
        }
        broadcaster.close();
        for (final java.util.concurrent.CompletableFuture<BroadcastReceipt> receipt : receipts)
        {
            assertEquals(2, receipt.get(10, TimeUnit.SECONDS).peers().size());
        }
    }

    @Test
    @Timeout(30)
    void shouldLookAnUnresolvedHostUpAgainOffTheLoopAndConnectOnceItResolves() throws Exception
    {
        final SimulatedDashNode sim = start(UnaryOperator.identity());
        final java.util.concurrent.atomic.AtomicInteger lookUps = new java.util.concurrent.atomic.AtomicInteger();
        // No real DNS in tests: the first two look-ups fail, the third finds the node on loopback.
        final HostResolver flaky = (host, port) -> lookUps.incrementAndGet() < 3 ?
            java.net.InetSocketAddress.createUnresolved(host, port) :
            new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), sim.port());
        final Broadcaster broadcaster = launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .addPeer(PeerEndpoint.of("pool-node.example", sim.port(), PeerPriority.CRITICAL))
            .hostResolver(flaky)
            .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(10))
            .reconnectMaxDelayNs(TimeUnit.MILLISECONDS.toNanos(20)));
        awaitReady(broadcaster, 1);
        assertTrue(lookUps.get() >= 3);
        assertTrue(broadcaster.stats().peers().get(0).failures().get(FailureReason.UNRESOLVED_HOST) >= 2);
    }

    @Test
    @Timeout(60)
    void shouldFrameBigBlocksWithTheChecksumHashedBesideTheMerklePass() throws Exception
    {
        // Full blocks only, through both ways in (the plain submit and submitAll, which gates on its
        // own scratch): blocks of many transactions and one, big enough for the hash helper.
        final List<SimulatedDashNode> sims = startNodes(2, UnaryOperator.identity());
        final Broadcaster broadcaster = launch(context(sims, 1).compactBlocks(false).maxBlockBytes(2 * 1024 * 1024));
        awaitReady(broadcaster, 2);
        byte[] parent = TestBlocks.genesis(Network.REGTEST);
        final byte[][] blocks = new byte[6][];
        for (int i = 0; i < blocks.length; i++)
        {
            final TestBlocks.Builder builder = TestBlocks.on(parent, i);
            blocks[i] = switch (i % 3)
            {
                case 0 -> builder.dummyTransactions(600).build();
                case 1 -> builder.dummyTransactions(4_000).build();
                default -> builder.padToSize(1024 * 1024).build();
            };
            assertTrue(blocks[i].length >= HashHelper.MIN_BLOCK_BYTES, blocks[i].length + " bytes");
            parent = blocks[i];
            if (i % 2 == 0)
            {
                assertEquals(2L, broadcaster.submitAsync(blocks[i]).get(20, TimeUnit.SECONDS).ackCount(), "block " + i);
            }
            else
            {
                assertEquals(2L, broadcaster.submitAll(blocks[i]).p2p().get(20, TimeUnit.SECONDS).ackCount(), "block " + i);
            }
        }
        for (final SimulatedDashNode sim : sims)
        {
            for (final byte[] block : blocks)
            {
                final BlockArrival arrival = sim.awaitBlock(TestBlocks.hash(block), WAIT);
                assertNotNull(arrival);
                assertEquals(BlockArrival.Via.BLOCK, arrival.via());
                assertTrue(arrival.verdict().accepted(), arrival::toString);
                assertEquals(new io.dashcast.protocol.Sha256d().checksum(new org.agrona.concurrent.UnsafeBuffer(block), 0, block.length),
                    arrival.checksum());
                assertArrayEquals(block, arrival.bytes());
            }
            assertEquals(0, totalMisbehaviour(sim));
        }
    }

    @Test
    void shouldSendTheFirstLengthBytesOfALongerArrayAndNotOneMore() throws Exception
    {
        // The JSON-RPC gateway's decode array is sized from the request body, a few bytes past the block.
        final List<SimulatedDashNode> sims = startNodes(2, UnaryOperator.identity());
        final Broadcaster broadcaster = launch(context(sims, 1).compactBlocks(false));
        awaitReady(broadcaster, 2);
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).dummyTransactions(40).build();
        final byte[] array = Arrays.copyOf(block, block.length + 17);
        Arrays.fill(array, block.length, array.length, (byte)0x5a);
        assertThrows(IllegalArgumentException.class, () -> broadcaster.submitAll(array, array.length + 1));

        assertEquals(2L, broadcaster.submitAll(array, block.length).p2p().get(20, TimeUnit.SECONDS).ackCount());
        for (final SimulatedDashNode sim : sims)
        {
            final BlockArrival arrival = sim.awaitBlock(TestBlocks.hash(block), WAIT);
            assertNotNull(arrival);
            assertTrue(arrival.verdict().accepted(), arrival::toString);
            assertArrayEquals(block, arrival.bytes());
            assertEquals(0, totalMisbehaviour(sim));
        }
    }

    private BroadcasterContext context(final List<SimulatedDashNode> sims, final int critical)
    {
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(Network.REGTEST)
            .loopCount(2)
            .errorHandler(Throwable::printStackTrace);
        for (int i = 0; i < sims.size(); i++)
        {
            ctx.addPeer(new PeerEndpoint("sim-" + i, "127.0.0.1", sims.get(i).port(),
                i < critical ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
        }
        return ctx;
    }

    /**
     * Launch and wait until every node is ready: none may have received a block by then.
     */
    private Broadcaster launchWithNoBlockSent(final List<SimulatedDashNode> sims, final BroadcasterContext ctx)
    {
        final Broadcaster broadcaster = launch(ctx);
        awaitReady(broadcaster, sims.size());
        for (final SimulatedDashNode sim : sims)
        {
            assertEquals(List.of(), sim.blockArrivals());
        }
        return broadcaster;
    }

    private Broadcaster launch(final BroadcasterContext ctx)
    {
        final Broadcaster broadcaster = Broadcaster.launch(ctx);
        broadcasters.add(broadcaster);
        return broadcaster;
    }

    private List<SimulatedDashNode> startNodes(final int count, final UnaryOperator<SimulatedDashNode.Context> customise)
    {
        final List<SimulatedDashNode> started = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            started.add(start(customise));
        }
        return started;
    }

    private SimulatedDashNode start(final UnaryOperator<SimulatedDashNode.Context> customise)
    {
        final SimulatedDashNode node = SimulatedDashNode.start(
            customise.apply(new SimulatedDashNode.Context().network(Network.REGTEST).recordBlockBytes(true)));
        nodes.add(node);
        return node;
    }

    private static int totalMisbehaviour(final SimulatedDashNode sim)
    {
        return sim.connections().stream().mapToInt(SimConnection::misbehaviourScore).sum();
    }

    private static void awaitReady(final Broadcaster broadcaster, final int count)
    {
        assertTrue(Await.until(() -> broadcaster.readyPeerCount() >= count, WAIT),
            () -> "ready " + broadcaster.readyPeerCount() + " of " + count + ": " + broadcaster.stats().peers());
    }

    private static int loopThreads()
    {
        return (int)Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("dashcast-loop-")).count();
    }
}
