package io.dashcast.sim;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.message.HeadersFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import io.dashcast.protocol.message.SendCmpctFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class SimulatedDashNodeTest
{
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void shouldHandshakeInDashCoreOrder() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().initialHeight(3));
            TestPeer peer = new TestPeer(node))
        {
            final List<TestPeer.Frame> frames = peer.handshake();
            assertEquals(List.of("version", "sendaddrv2", "verack", "sendheaders", "sendcmpct", "senddsq", "ping", "getsporks"),
                names(frames));

            final VersionFlyweight version = new VersionFlyweight().wrap(frames.get(0).buffer(), 0, frames.get(0).payload.length);
            assertEquals(70235, version.protocolVersion());
            assertEquals(0x1c05L, version.services());
            assertEquals("/Dash Core:22.1.1/", version.userAgent());
            assertEquals(3, version.startHeight());
            assertTrue(version.hasRelay() && version.relay());
            assertTrue(version.hasMnauthChallenge());
            assertFalse(version.masternodeConnection());

            final SendCmpctFlyweight sendCmpct = new SendCmpctFlyweight().wrap(frames.get(4).buffer(), 0, 9);
            assertFalse(sendCmpct.announce());
            assertEquals(1, sendCmpct.version());
            assertArrayEquals(new byte[] { 1 }, frames.get(5).payload);

            final SimConnection c = node.awaitHandshakes(1, WAIT).get(0);
            assertTrue(node.await(() -> c.pongsReceived() == 1, WAIT), "the pong to the node's first ping counts");
            assertEquals("/dashcast-test:0.1/", c.clientUserAgent());
            assertFalse(c.clientRelay());
            assertEquals(1, c.messagesReceived("version"));
            assertEquals(1, c.messagesReceived("verack"));
        }
    }

    @Test
    void shouldAnswerPingsInOrderBehindABlock() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            peer.ping(42);
            assertEquals(42, TestPeer.nonceOf(peer.expect(Command.PONG)));

            final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
            peer.send(Command.BLOCK, block);
            peer.ping(43);
            assertEquals(43, TestPeer.nonceOf(peer.expect(Command.PONG)));
            // The pong is the ack: the block was processed before it was sent.
            assertArrayEquals(TestBlocks.hash(block), node.tipHash());
            assertEquals(1, node.tipHeight());
            final SimConnection c = node.connections().get(0);
            assertEquals(2, c.pingsAnswered());
            assertEquals(BlockVerdict.ACCEPTED_NEW_TIP, c.blocks().get(0).verdict());
        }
    }

    @Test
    void shouldAcceptBlockAndAnnounceItWithHeadersToAPeerThatKnowsTheParent() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().initialHeight(2).recordBlockBytes(true));
            TestPeer pusher = new TestPeer(node);
            TestPeer watcher = new TestPeer(node);
            TestPeer fresh = new TestPeer(node))
        {
            pusher.handshake();
            watcher.handshake();
            fresh.handshake();
            watcher.sendHeaders();
            fresh.sendHeaders();
            watcher.getHeaders(List.of(node.chain().hashAtHeight(0)), null);
            final TestPeer.Frame synced = watcher.expect(Command.HEADERS);
            assertEquals(2, new HeadersFlyweight().wrap(synced.buffer(), 0, synced.payload.length).count());
            fresh.ping(1);
            fresh.expect(Command.PONG);

            final byte[] block = TestBlocks.on(node.chain().tipHeader(), 2).padToSize(50_000).build();
            pusher.send(Command.BLOCK, block);
            final BlockArrival arrival = node.awaitBlock(TestBlocks.hash(block), WAIT);
            assertNotNull(arrival);
            assertEquals(BlockVerdict.ACCEPTED_NEW_TIP, arrival.verdict());
            assertEquals(50_000, arrival.sizeBytes());
            assertArrayEquals(block, arrival.bytes());
            assertTrue(arrival.arrivalNs() > node.connections().get(0).connectedNs());

            final TestPeer.Frame announced = watcher.expect(Command.HEADERS);
            final HeadersFlyweight headers = new HeadersFlyweight().wrap(announced.buffer(), 0, announced.payload.length);
            assertEquals(1, headers.count());
            final byte[] header = new byte[80];
            announced.buffer().getBytes(headers.headerOffset(0), header);
            assertArrayEquals(TestBlocks.header(block), header);

            // Dash Core's SendMessages: a peer never known to have the parent gets an inv of the tip.
            final TestPeer.Frame inv = fresh.expect(Command.INV);
            final InventoryFlyweight entries = new InventoryFlyweight().wrap(inv.buffer(), 0, inv.payload.length);
            assertEquals(InventoryFlyweight.MSG_BLOCK, entries.type(0));
            final byte[] invHash = new byte[32];
            inv.buffer().getBytes(entries.hashOffset(0), invHash);
            assertArrayEquals(TestBlocks.hash(block), invHash);

            fresh.getData(InventoryFlyweight.MSG_BLOCK, invHash);
            assertArrayEquals(block, fresh.expect(Command.BLOCK).payload, "getdata served byte-identical block");
        }
    }

    @Test
    void shouldScoreAnOrphanTenPointsAndKeepThePeer() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] parent = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
            final byte[] orphan = TestBlocks.on(parent, 1).build();
            peer.send(Command.BLOCK, orphan);
            peer.ping(7);
            peer.expect(Command.PONG);
            final SimConnection c = node.connections().get(0);
            assertEquals(10, c.misbehaviourScore());
            assertEquals(BlockVerdict.ORPHAN, c.blocks().get(0).verdict());
            assertTrue(c.isOpen());
            assertEquals(0, node.tipHeight());
        }
    }

    @Test
    void shouldDisconnectAfterTenOrphans() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            byte[] parent = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
            for (int i = 0; i < 10; i++)
            {
                final byte[] orphan = TestBlocks.on(parent, 1 + i).build();
                peer.send(Command.BLOCK, orphan);
                parent = orphan;
            }
            assertTrue(peer.awaitClosedByNode());
            final SimConnection c = node.connections().get(0);
            assertTrue(node.await(() -> !c.isOpen(), WAIT));
            assertEquals(100, c.misbehaviourScore());
            assertEquals(DisconnectReason.MISBEHAVIOUR, c.disconnectReason());
        }
    }

    @Test
    void shouldDisconnectOnBadMerkleRoot() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] block = TestBlocks.withBadMerkleRoot(TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build());
            peer.send(Command.BLOCK, block);
            assertTrue(peer.awaitClosedByNode());
            final SimConnection c = node.connections().get(0);
            assertTrue(node.await(() -> !c.isOpen(), WAIT));
            assertEquals(100, c.misbehaviourScore());
            assertEquals(BlockVerdict.BAD_MERKLE_ROOT, c.blocks().get(0).verdict());
            assertEquals(DisconnectReason.MISBEHAVIOUR, c.disconnectReason());
            assertEquals(0, node.tipHeight());
        }
    }

    @Test
    void shouldRejectBadProofOfWorkAndBadHeight() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer a = new TestPeer(node); TestPeer b = new TestPeer(node))
        {
            a.handshake();
            b.handshake();
            a.send(Command.BLOCK, TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).invalidProofOfWork().build());
            assertTrue(a.awaitClosedByNode());
            // A block claiming height 5 in its coinbase at height 1: bad-cb-height.
            final byte[] genesisAs4 = TestBlocks.genesis(Network.REGTEST);
            final byte[] wrongHeight = TestBlocks.on(genesisAs4, 4).build();
            b.send(Command.BLOCK, wrongHeight);
            assertTrue(b.awaitClosedByNode());
            final List<SimConnection> cs = node.connections();
            assertTrue(node.await(() -> cs.get(0).disconnectReason() != null && cs.get(1).disconnectReason() != null, WAIT));
            assertEquals(BlockVerdict.HIGH_HASH, cs.get(0).blocks().get(0).verdict());
            assertEquals(BlockVerdict.BAD_COINBASE_HEIGHT, cs.get(1).blocks().get(0).verdict());
        }
    }

    @Test
    void shouldIgnoreDuplicateAndDropMalformedBlocksWithoutPenalty() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().initialHeight(1));
            TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] known = TestBlocks.chain(Network.REGTEST, 1).get(0);
            peer.send(Command.BLOCK, known);
            peer.send(Command.BLOCK, Arrays.copyOf(known, known.length - 5));
            peer.sendUnknown("mnlistdiffx", new byte[] { 1, 2, 3 });
            peer.ping(9);
            peer.expect(Command.PONG);
            final SimConnection c = node.connections().get(0);
            assertEquals(List.of(BlockVerdict.DUPLICATE, BlockVerdict.MALFORMED),
                List.of(c.blocks().get(0).verdict(), c.blocks().get(1).verdict()));
            assertEquals(0, c.misbehaviourScore());
            assertEquals(1, c.unknownCommands());
            assertEquals(1, c.messagesReceived("mnlistdiffx"));
        }
    }

    @Test
    void shouldAnswerGetHeadersFromItsChain() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().initialHeight(5));
            TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final SimChain chain = node.chain();
            peer.getHeaders(List.of(chain.hashAtHeight(2), chain.hashAtHeight(0)), null);
            assertEquals(List.of(3, 4, 5), heights(chain, peer.expect(Command.HEADERS)));

            peer.getHeaders(List.of(chain.hashAtHeight(5)), null);
            assertEquals(List.of(), heights(chain, peer.expect(Command.HEADERS)));

            peer.getHeaders(List.of(chain.hashAtHeight(0)), chain.hashAtHeight(2));
            assertEquals(List.of(1, 2), heights(chain, peer.expect(Command.HEADERS)));

            peer.getHeaders(List.of(), chain.hashAtHeight(4));
            assertEquals(List.of(4), heights(chain, peer.expect(Command.HEADERS)));

            final byte[] unknown = new byte[32];
            unknown[0] = 1;
            peer.getHeaders(List.of(unknown), null);
            assertEquals(List.of(1, 2, 3, 4, 5), heights(chain, peer.expect(Command.HEADERS)), "unknown locator: from genesis");
        }
    }

    @Test
    void shouldFetchABlockAnnouncedWithHeaders() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).dummyTransactions(20).build();
            final byte[] payload = new byte[1 + HeadersFlyweight.ENTRY_LENGTH];
            HeadersFlyweight.encodeSingle(new UnsafeBuffer(payload), 0, new UnsafeBuffer(block), 0);
            peer.send(Command.HEADERS, payload);
            final TestPeer.Frame getData = peer.expect(Command.GETDATA);
            final InventoryFlyweight inv = new InventoryFlyweight().wrap(getData.buffer(), 0, getData.payload.length);
            assertEquals(1, inv.count());
            assertEquals(InventoryFlyweight.MSG_BLOCK, inv.type(0));
            peer.send(Command.BLOCK, block);
            assertTrue(node.awaitTip(TestBlocks.hash(block), WAIT));
            assertEquals(21, new BlockView().wrap(new UnsafeBuffer(node.chain().block(TestBlocks.hash(block))), 0, block.length)
                .transactionCount());
        }
    }

    @Test
    void shouldAnnounceMinedBlocksAndServeThem() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            peer.sendHeaders();
            peer.getHeaders(List.of(node.tipHash()), null);
            peer.expect(Command.HEADERS);
            final byte[] mined = node.mineBlock(b -> b.padToSize(1_500_000));
            assertEquals(1_500_000, mined.length);
            final TestPeer.Frame headers = peer.expect(Command.HEADERS);
            assertEquals(1 + HeadersFlyweight.ENTRY_LENGTH, headers.payload.length);
            peer.getData(InventoryFlyweight.MSG_CMPCT_BLOCK, TestBlocks.hash(mined));
            assertArrayEquals(mined, peer.expect(Command.BLOCK).payload);
            assertEquals(BlockVerdict.DUPLICATE, node.submitBlock(mined));
        }
    }

    @Test
    void shouldRejectBadVersions() throws IOException
    {
        final long selfNonce = 0x5e1f_5e1fL;
        try (SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().versionNonce(selfNonce)))
        {
            assertRejected(node, TestPeer.version(70215, 1, false), DisconnectReason.OBSOLETE_VERSION);
            assertRejected(node, TestPeer.version(Network.PROTOCOL_VERSION, 2, true), DisconnectReason.MASTERNODE_CONNECTION);
            assertRejected(node, TestPeer.version(Network.PROTOCOL_VERSION, selfNonce, false), DisconnectReason.SELF_CONNECTION);
        }
    }

    @Test
    void shouldDropMessagesBeforeVerackAndDisconnectOnLateSendAddrV2() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.ping(5); // before version: dropped
            peer.sendVersion();
            peer.readUntil(Command.VERACK);
            peer.ping(6); // before verack: dropped
            peer.send(Command.SENDADDRV2, new byte[0]);
            peer.send(Command.VERACK, new byte[0]);
            for (final TestPeer.Frame f : peer.readUntil(Command.GETSPORKS))
            {
                assertFalse(f.command == Command.PONG, "no pong for pings sent before the handshake");
            }
            final SimConnection c = node.connections().get(0);
            assertTrue(c.wantsAddrV2());
            assertEquals(2, c.droppedMessages());
            peer.send(Command.SENDADDRV2, new byte[0]);
            assertTrue(peer.awaitClosedByNode());
            assertTrue(node.await(() -> c.disconnectReason() == DisconnectReason.SENDADDRV2_AFTER_VERACK, WAIT));
        }
    }

    @Test
    void shouldTimeOutAHandshakeAndPingOnItsInterval() throws IOException
    {
        final SimulatedDashNode.Context context = new SimulatedDashNode.Context()
            .handshakeTimeout(Duration.ofMillis(300)).pingInterval(Duration.ofMillis(100));
        try (SimulatedDashNode node = SimulatedDashNode.start(context); TestPeer idle = new TestPeer(node);
            TestPeer active = new TestPeer(node))
        {
            active.handshake();
            for (int i = 0; i < 3; i++)
            {
                final TestPeer.Frame ping = active.expect(Command.PING);
                active.send(Command.PONG, ping.payload);
            }
            assertTrue(idle.awaitClosedByNode());
            final List<SimConnection> cs = node.connections();
            assertTrue(node.await(() -> cs.get(0).disconnectReason() == DisconnectReason.HANDSHAKE_TIMEOUT, WAIT));
            assertTrue(node.await(() -> cs.get(1).pongsReceived() >= 3, WAIT));
            assertTrue(cs.get(1).lastPingRttNs() > 0);
        }
    }

    @Test
    void shouldFreeItsPortOnClose() throws IOException
    {
        final SimulatedDashNode node = SimulatedDashNode.start();
        final int port = node.port();
        final TestPeer peer = new TestPeer(node);
        peer.handshake();
        node.close();
        assertTrue(peer.awaitClosedByNode());
        assertEquals(DisconnectReason.NODE_CLOSED, node.connections().get(0).disconnectReason());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        peer.close();
    }

    @Test
    void shouldRejectAnInvalidContext()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedDashNode.Context().bindAddress(java.net.InetAddress.getByName("0.0.0.0")).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SimulatedDashNode.Context().port(70_000).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedDashNode.Context().handshakeTimeout(Duration.ZERO).conclude());
    }

    private static void assertRejected(final SimulatedDashNode node, final byte[] version, final DisconnectReason reason)
        throws IOException
    {
        final int index = node.connections().size();
        try (TestPeer peer = new TestPeer(node))
        {
            peer.send(Command.VERSION, version);
            assertTrue(peer.awaitClosedByNode(), "closed for " + reason);
        }
        assertTrue(node.await(() -> node.connections().size() > index &&
            node.connections().get(index).disconnectReason() == reason, WAIT), "reason " + reason);
    }

    private static List<String> names(final List<TestPeer.Frame> frames)
    {
        final List<String> names = new ArrayList<>();
        for (final TestPeer.Frame f : frames)
        {
            names.add(f.name);
        }
        return names;
    }

    private static List<Integer> heights(final SimChain chain, final TestPeer.Frame frame)
    {
        final HeadersFlyweight headers = new HeadersFlyweight().wrap(frame.buffer(), 0, frame.payload.length);
        final List<Integer> heights = new ArrayList<>();
        for (int i = 0; i < headers.count(); i++)
        {
            final byte[] header = new byte[80];
            frame.buffer().getBytes(headers.headerOffset(i), header);
            heights.add(chain.heightOf(TestBlocks.hash(header)));
        }
        return heights;
    }
}
