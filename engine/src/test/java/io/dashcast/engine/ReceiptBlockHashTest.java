package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each block's receipt names that block's own hash, and the node's ack of it is matched, on every
 * submit path (in-process submit of a heap or a direct buffer, {@code submitAll}) with the
 * validation gate on (its X11 of the header is reused for the slot) and off (hashed after
 * publication): a hash left from the block before, or from another path's scratch, fails it.
 */
@Timeout(60)
class ReceiptBlockHashTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldNameEachBlocksOwnHashOnEveryPath(final boolean validate) throws Exception
    {
        try (SimulatedDashNode node = SimulatedDashNode.start();
            Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST)
                .validateBlocks(validate).threadNamePrefix("receipt-hash-test-")
                .addPeer(PeerEndpoint.of("127.0.0.1", node.port(), PeerPriority.CRITICAL))))
        {
            assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 1, WAIT), "peer not ready");
            final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 3);

            final BroadcastReceipt heap = broadcaster.submitAsync(chain.get(0)).get(20, TimeUnit.SECONDS);
            assertAcked(heap, chain.get(0), node);

            final byte[] second = chain.get(1);
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(second.length));
            direct.putBytes(0, second);
            final BroadcastReceipt viaDirect =
                broadcaster.submitAsync(direct, 0, second.length).get(20, TimeUnit.SECONDS);
            assertAcked(viaDirect, second, node);

            final Submission all = broadcaster.submitAll(chain.get(2));
            final BroadcastReceipt viaAll = all.p2p().get(20, TimeUnit.SECONDS);
            assertNotNull(viaAll, all::toString);
            assertEquals(TestBlocks.hashHex(chain.get(2)), all.hash());
            assertAcked(viaAll, chain.get(2), node);
        }
    }

    private static void assertAcked(final BroadcastReceipt receipt, final byte[] block, final SimulatedDashNode node)
    {
        assertEquals(TestBlocks.hashHex(block), receipt.blockHash(), receipt::toString);
        assertEquals(1, receipt.ackCount(), receipt::toString);
        assertNotNull(node.awaitBlock(TestBlocks.hash(block), WAIT), node::toString);
        assertArrayEquals(TestBlocks.hash(block), node.tipHash());
    }
}
