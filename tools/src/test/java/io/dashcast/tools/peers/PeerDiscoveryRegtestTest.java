package io.dashcast.tools.peers;

import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerSource;
import io.dashcast.engine.peers.PeerStore;
import io.dashcast.protocol.Network;
import io.dashcast.sim.regtest.DashdBinaries;
import io.dashcast.sim.regtest.RegtestNode;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Discovery with real Dash Core v22.1.1: configured with the local dashd only, the daemon finds the
 * nodes that dashd is connected to and connects them too; what it learned survives a restart.
 * (dashd's address manager keeps routable addresses only, so on loopback {@code getnodeaddresses}
 * stays empty and {@code getpeerinfo} is the source that finds the nodes.)
 */
class PeerDiscoveryRegtestTest
{
    @Test
    @Timeout(120)
    void findsAndConnectsTheNodesItWasNotConfiguredWithAndKeepsThemAcrossARestart(@TempDir final Path dir) throws Exception
    {
        if (!DashdBinaries.available())
        {
            assertFalse("true".equals(System.getenv("CI")), "CI must have dashd (../shared/dashd/install.sh)");
            assumeTrue(false, "no dashd on this machine");
        }
        try (RegtestNode local = RegtestNode.start();
            RegtestNode b = RegtestNode.start();
            RegtestNode c = RegtestNode.start())
        {
            local.connectTo(b);
            local.connectTo(c);
            awaitOutbound(local, 2);
            final Path store = dir.resolve("peers.yaml");
            final Set<Integer> expected = Set.of(local.p2pPort(), b.p2pPort(), c.p2pPort());

            try (Daemon daemon = Daemon.start(context(local, store, true)))
            {
                assertEquals(expected, ports(daemon.endpoints()),
                    () -> "configured local dashd plus the two it knows; dashd's peers: " + local.peerInfo());
                awaitReady(daemon, 3);
            }
            final PeerStore learned = new PeerStore(100, 100);
            PeerStoreFile.load(store, learned);
            final PeerCandidate found = learned.get("127.0.0.1", b.p2pPort());
            assertEquals(PeerSource.DASHD_PEERS, found.source());
            assertTrue(found.successes() >= 1, "handshake recorded: " + found);
            assertTrue(learned.get("127.0.0.1", local.p2pPort()).pinned(), "configured peer pinned");

            // A restart with no dashd to ask: the store alone brings the learned nodes back.
            try (Daemon again = Daemon.start(context(local, store, true).fallback(false)))
            {
                assertEquals(expected, ports(again.endpoints()));
                awaitReady(again, 3);
            }
        }
    }

    private static DaemonContext context(final RegtestNode local, final Path store, final boolean discover)
    {
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "discovery", List.of(
                new PeerEntry("127.0.0.1", local.p2pPort(), Priority.CRITICAL, "local-dashd", true)),
                new Settings(8, 1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(300))))
            .dashd(new DashdRpcClient.Context().port(local.rpcPort()).user(RegtestNode.RPC_USER)
                .password(RegtestNode.RPC_PASSWORD).connectTimeoutMs(2000).requestTimeoutMs(10_000))
            .rpcServer(false)
            .sharedMemory(false)
            .metricsPort(-1)
            .chainPollMs(0)
            .loops(1)
            .peerStore(store)
            .discover(discover)
            .out(new PrintStream(sink, true, StandardCharsets.UTF_8))
            .err(new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    private static Set<Integer> ports(final List<PeerEndpoint> endpoints)
    {
        return endpoints.stream().map(PeerEndpoint::port).collect(Collectors.toSet());
    }

    private static void awaitOutbound(final RegtestNode node, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline)
        {
            int outbound = 0;
            for (final var peer : node.peerInfo())
            {
                outbound += peer.path("inbound").asBoolean(true) ? 0 : 1;
            }
            if (outbound >= count)
            {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("dashd did not connect its peers: " + node.peerInfo());
    }

    private static void awaitReady(final Daemon daemon, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (daemon.broadcaster().readyPeerCount() < count && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertEquals(count, daemon.broadcaster().readyPeerCount());
    }
}
