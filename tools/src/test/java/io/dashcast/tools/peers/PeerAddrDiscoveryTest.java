package io.dashcast.tools.peers;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerSource;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery from {@code addr}/{@code addrv2}: configured with one node only, the rotation learns the
 * nodes that node knows (our {@code getaddr} on the handshake, its {@code addrv2} answer) and
 * connects them. (With real Dash Core on a loopback-only regtest network this cannot be shown:
 * dashd's address manager keeps only routable addresses, so its {@code addr} answers are empty.)
 */
class PeerAddrDiscoveryTest
{
    private final List<SimulatedDashNode> nodes = new ArrayList<>();
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
    void shouldConnectTheNodesItsOnlyConfiguredPeerRelayed() throws Exception
    {
        final SimulatedDashNode hidden1 = start(new SimulatedDashNode.Context(), "127.0.0.1");
        final SimulatedDashNode hidden2 = start(new SimulatedDashNode.Context(), "127.0.0.1");
        final SimulatedDashNode seed = start(new SimulatedDashNode.Context().addresses(List.of(
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), hidden1.port()),
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), hidden2.port()))), "127.0.0.1");
        final PeerEndpoint configured = new PeerEndpoint("seed", "127.0.0.1", seed.port(), PeerPriority.NORMAL);
        final PeerManager manager = new PeerManager(null, 3, 1_000, new PrintStream(new ByteArrayOutputStream()), 1);
        manager.store().add(configured.host(), configured.port(), PeerSource.CONFIG, System.currentTimeMillis());
        broadcaster = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST).loopCount(1).addPeer(configured));
        final PeerRotation rotation = new PeerRotation(manager, broadcaster, 1_000, List.of(configured), true);

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int learned = 0;
        while (broadcaster.readyPeerCount() < 3 && System.nanoTime() < deadline)
        {
            learned += rotation.rotate(System.currentTimeMillis()).learned();
            Thread.sleep(50);
        }
        assertEquals(3, broadcaster.readyPeerCount());
        assertEquals(2, learned);
        final Set<String> live = broadcaster.livePeers().stream().map(e -> PeerCandidate.key(e.host(), e.port()))
            .collect(Collectors.toSet());
        assertEquals(Set.of("127.0.0.1:" + seed.port(), "127.0.0.1:" + hidden1.port(), "127.0.0.1:" + hidden2.port()), live);
        assertEquals(PeerSource.ADDR, manager.store().get("127.0.0.1", hidden1.port()).source());
        assertTrue(hidden1.openConnectionCount() == 1 && hidden2.openConnectionCount() == 1);
    }

    private SimulatedDashNode start(final SimulatedDashNode.Context context, final String bind) throws Exception
    {
        final SimulatedDashNode node = SimulatedDashNode.start(context.network(Network.REGTEST)
            .bindAddress(InetAddress.getByName(bind)));
        nodes.add(node);
        return node;
    }
}
