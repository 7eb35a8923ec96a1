package io.dashcast.realnode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.PeerStats;
import io.dashcast.protocol.Network;
import io.dashcast.sim.regtest.RegtestBlocks;
import io.dashcast.sim.regtest.RegtestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real Dash Core v22.1.1 node sees of us and answers us: the inbound handshake and our
 * version fields, its {@code sendheaders}/{@code sendcmpct}, and the {@code getheaders}
 * confirmation the engine relies on (empty locator, the block as hash-stop).
 */
@Timeout(120)
class HandshakeRealNodeTest extends MinerAndTarget
{
    @Test
    void shouldHandshakeAsInboundPeerWithOurVersionFields() throws Exception
    {
        final BroadcasterContext ctx = RealNodes.context(node).startHeight((int)node.blockCount());
        try (Broadcaster broadcaster = RealNodes.launchReady(ctx))
        {
            final List<JsonNode> ours = RealNodes.ourPeers(node);
            assertEquals(1, ours.size(), () -> "getpeerinfo: " + node.peerInfo());
            final JsonNode peer = ours.get(0);
            assertTrue(peer.path("inbound").asBoolean(), "the node sees an inbound peer");
            assertEquals(BroadcasterContext.DEFAULT_USER_AGENT, peer.path("subver").asText());
            assertEquals(Network.PROTOCOL_VERSION, peer.path("version").asInt());
            assertEquals("0000000000000000", peer.path("services").asText(), "services 0");
            assertFalse(peer.path("relaytxes").asBoolean(), "relay 0: no transaction invs");
            assertEquals(node.blockCount(), peer.path("startingheight").asLong());
            assertFalse(peer.path("masternode").asBoolean(false));
            assertEquals("v1", peer.path("transport_protocol_type").asText("v1"), "v1 transport");
            // The node got our sendheaders and sendcmpct after the handshake (bytes it received, by message).
            assertTrue(peer.path("bytesrecv_per_msg").has("sendheaders"), () -> "" + peer.path("bytesrecv_per_msg"));
            assertTrue(peer.path("bytesrecv_per_msg").has("sendcmpct"), () -> "" + peer.path("bytesrecv_per_msg"));
            assertTrue(peer.path("permissions").isEmpty(), "no noban or other permission: the rules for any inbound peer apply");

            assertTrue(RealNodes.until(() -> stats(broadcaster).compactVersion() == 1, Duration.ofSeconds(5)),
                "the node announces sendcmpct version 1");
            final PeerStats stats = stats(broadcaster);
            assertEquals(Network.PROTOCOL_VERSION, stats.remoteVersion());
            assertEquals("/Dash Core:22.1.1/", stats.remoteUserAgent());
            assertEquals(node.blockCount(), stats.remoteStartHeight());
            assertEquals(0x1c05L, stats.remoteServices() & 0x1c05L, () -> Long.toHexString(stats.remoteServices()));
            assertFalse(stats.compactHighBandwidth(), "low-bandwidth compact blocks toward an inbound peer");
            assertTrue(stats.messagesReceived().getOrDefault("sendheaders", 0L) == 1L, () -> "" + stats.messagesReceived());
            System.out.printf("[realnode] handshake: getpeerinfo %s%n[realnode] engine sees %s%n", peer, stats);
        }
    }

    @Test
    void shouldAnswerGetHeadersConfirmationOnlyForBlocksItHas() throws Exception
    {
        final String tip = node.bestBlockHash();
        final String unknown = miner.generate(1).get(0);
        try (RawPeer peer = new RawPeer(node.p2pPort()))
        {
            peer.handshake("/dashcast-probe:0/");
            // Known block: exactly its header, before the pong.
            peer.getHeadersOf(tip);
            final long known = peer.ping();
            final RawPeer.Message headers = peer.expect(
                m -> m.command().equals("headers") || m.command().equals("pong") && m.le().getLong(0) == known,
                Duration.ofSeconds(5));
            assertNotNull(headers);
            assertEquals("headers", headers.command(), "the header comes before the pong");
            assertEquals(1, headers.payload()[0], "one header");
            final byte[] header = new byte[80];
            System.arraycopy(headers.payload(), 1, header, 0, 80);
            assertEquals(tip, RegtestBlocks.hashHex(header));
            assertNotNull(peer.awaitPong(known, Duration.ofSeconds(5)));

            // Unknown block: no answer at all, only the pong.
            final int before = peer.seen().size();
            peer.getHeadersOf(unknown);
            final long none = peer.ping();
            assertNotNull(peer.awaitPong(none, Duration.ofSeconds(5)));
            assertTrue(peer.seen().subList(before, peer.seen().size()).stream().noneMatch(m -> m.command().equals("headers")),
                () -> "no headers for a block it lacks: " + peer.seen());
            assertFalse(peer.isClosedByPeer());
        }
        finally
        {
            RealNodes.syncTo(miner, node);
        }
    }

    private static PeerStats stats(final Broadcaster broadcaster)
    {
        return broadcaster.stats().peers().get(0);
    }

    /**
     * Our {@code sendaddrv2} (between version and verack) and {@code getaddr} are taken without
     * penalty, the node keeps the connection and takes our blocks. Its answer is empty on a
     * loopback-only network (its address manager keeps routable addresses only), so the decoding is
     * checked against the simulated node (AddressRelayTest).
     */
    @Test
    void shouldTakeOurAddressRequestsWithoutPenaltyAndStillTakeBlocks() throws Exception
    {
        RealNodes.syncTo(miner, node);
        final NodeLog log = new NodeLog(node.debugLog());
        final List<String> blocks = miner.generate(1);
        try (Broadcaster broadcaster = RealNodes.launchReady(RealNodes.context(node)))
        {
            assertTrue(RealNodes.until(() -> addressMessagesReceived(node).has("getaddr"), java.time.Duration.ofSeconds(5)),
                () -> "bytesrecv_per_msg: " + addressMessagesReceived(node));
            final JsonNode received = addressMessagesReceived(node);
            assertTrue(received.has("sendaddrv2"), received::toString);
            final BroadcastReceipt receipt = RealNodes.push(broadcaster, RealNodes.block(miner, blocks.get(0)));
            assertEquals(PeerOutcome.ACKED, RealNodes.only(receipt).outcome(), receipt::toString);
            RealNodes.assertTip(node, blocks.get(0));
            RealNodes.assertNoPenalty(node, log);
        }
    }

    private static JsonNode addressMessagesReceived(final RegtestNode node)
    {
        final List<JsonNode> ours = RealNodes.ourPeers(node);
        return ours.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() :
            ours.get(0).path("bytesrecv_per_msg");
    }
}
