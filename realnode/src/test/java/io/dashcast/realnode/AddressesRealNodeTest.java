package io.dashcast.realnode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.sim.regtest.RegtestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asking a real Dash Core v22.1.1 node for addresses: our {@code sendaddrv2} (between version and
 * verack) and {@code getaddr} are taken without penalty, the node keeps the connection and takes our
 * blocks. What it answers is empty on a loopback-only network (its address manager keeps routable
 * addresses only), so the decoding is checked against the simulated node (AddressRelayTest).
 */
@Timeout(120)
class AddressesRealNodeTest
{
    private static RegtestNode miner;
    private static RegtestNode node;

    @BeforeAll
    static void startNodes() throws Exception
    {
        miner = RealNodes.startMiner();
        node = RealNodes.startTarget(miner);
    }

    @AfterAll
    static void stopNodes()
    {
        if (node != null)
        {
            node.close();
        }
        if (miner != null)
        {
            miner.close();
        }
    }

    @Test
    void shouldAskForAddressesWithoutPenaltyAndStillDeliver() throws Exception
    {
        RealNodes.syncTo(miner, node);
        final NodeLog log = new NodeLog(node.debugLog());
        final List<String> blocks = miner.generate(1);
        try (Broadcaster broadcaster = RealNodes.launchReady(RealNodes.context(node)))
        {
            assertTrue(RealNodes.until(() -> received(node).has("getaddr"), java.time.Duration.ofSeconds(5)),
                () -> "bytesrecv_per_msg: " + received(node));
            final JsonNode received = received(node);
            assertTrue(received.has("sendaddrv2"), received::toString);
            final BroadcastReceipt receipt = RealNodes.push(broadcaster, RealNodes.block(miner, blocks.get(0)));
            assertEquals(PeerOutcome.ACKED, RealNodes.only(receipt).outcome(), receipt::toString);
            RealNodes.assertTip(node, blocks.get(0));
            RealNodes.assertNoPenalty(node, log);
        }
    }

    private static JsonNode received(final RegtestNode node)
    {
        final List<JsonNode> ours = RealNodes.ourPeers(node);
        return ours.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() :
            ours.get(0).path("bytesrecv_per_msg");
    }
}
