package io.dashcast.engine;

import io.dashcast.protocol.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchRehearsalTest
{
    @Test
    @Timeout(60)
    void shouldHaveEveryRehearsalBlockAckedByEveryPeerOfItsOwnNode()
    {
        // Two loops in the default idle mode, four rehearsal peers each: 300 chained blocks (a large
        // one every 32nd, both forms), each acked by all 8 before the next.
        final BroadcasterContext real = new BroadcasterContext().network(Network.MAINNET).loopCount(2)
            .threadNamePrefix("test-loop-").conclude();
        assertEquals(300, LaunchRehearsal.run(real, 300));
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("test-loop-")),
            "its loops, node and helper threads are gone");
    }

    @Test
    @Timeout(60)
    void shouldLetAPeerGoAndANewOneComeEverySixtyFourBlocksAndHaveTheNewOnesTakeBlocksToo()
    {
        // 300 blocks, one loop (4 peers): 4 rotations, each a new connection on a port of its own. Had
        // the joined peers taken no block, their node would have announced 300 + 63 + 127 + 191 blocks.
        final BroadcasterContext real = new BroadcasterContext().network(Network.MAINNET).loopCount(1)
            .threadNamePrefix("test-rotate-").conclude();
        try (RehearsalNode node = new RehearsalNode(Network.REGTEST, "test-rotate-node"))
        {
            assertEquals(300, LaunchRehearsal.rehearse(real, 300, node));
            assertEquals(LaunchRehearsal.PEERS_PER_LOOP + 300 / 64, node.connectionsAccepted());
            assertTrue(node.blocksAnnounced() > 300L * (LaunchRehearsal.PEERS_PER_LOOP - 1), "announced " + node.blocksAnnounced());
        }
    }

    @Test
    @Timeout(30)
    void shouldAnnounceEachBlockBackAndCloseItsPort() throws Exception
    {
        final int port;
        try (RehearsalNode node = new RehearsalNode(Network.REGTEST, "test-rehearsal-node"))
        {
            port = node.port();
            final BroadcasterContext ctx = new BroadcasterContext().network(Network.REGTEST).loopCount(1)
                .threadNamePrefix("test-node-peer-").errorHandler(ex -> { })
                .addPeer(new PeerEndpoint("node", "127.0.0.1", port, PeerPriority.NORMAL));
            try (Broadcaster broadcaster = Broadcaster.launch(ctx))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (broadcaster.readyPeerCount() < 1 && System.nanoTime() < deadline)
                {
                    Thread.sleep(5);
                }
                assertEquals(1, broadcaster.readyPeerCount(), "the node's handshake");
                final byte[] block = Broadcaster.warmUpBlock(1024);
                final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(10, TimeUnit.SECONDS);
                assertEquals(1, receipt.ackCount(), receipt::toString);
                // Its own announcement of the block (headers) comes before the ack's pong.
                assertTrue(receipt.peers().get(0).announcedNs() > 0, receipt::toString);
                assertEquals(1, node.blocksAnnounced());
            }
        }
        assertThrows(IOException.class, () ->
        {
            try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
            {
                channel.isConnected();
            }
        }, "closed with the rehearsal");
    }
}
