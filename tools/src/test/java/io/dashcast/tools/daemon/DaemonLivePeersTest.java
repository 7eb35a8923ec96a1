package io.dashcast.tools.daemon;

import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.PeerStats;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.dashd.FakeDashd;
import io.dashcast.tools.DashcastMain;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running daemon's peer set changed from outside: {@code dashcast peers add|remove|pin|unpin|live}
 * through the admin endpoint, and a re-read configuration (what SIGHUP runs) applied without
 * dropping the connection of a peer that stays.
 */
class DaemonLivePeersTest
{
    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private FakeDashd dashd;
    private Daemon daemon;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown()
    {
        if (daemon != null)
        {
            daemon.close();
        }
        if (dashd != null)
        {
            dashd.close();
        }
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(60)
    void shouldAddRemovePinAndListPeersOfTheRunningDaemon() throws Exception
    {
        start(2);
        final SimulatedDashNode extra = node();
        final String extraPeer = "127.0.0.1:" + extra.port();

        final Cli added = cli("peers", "add", extraPeer);
        assertEquals(DashcastMain.EXIT_OK, added.status(), added.toString());
        assertEquals("added", added.out().trim());
        await(() -> daemon.broadcaster().readyPeerCount() == 3);
        assertTrue(daemon.broadcaster().isPinned(extraPeer), "the operator's peer is pinned");

        final Cli live = cli("peers", "live");
        assertEquals(DashcastMain.EXIT_OK, live.status(), live.toString());
        assertEquals(4, live.out().lines().count(), live.out());
        assertTrue(live.out().contains(extraPeer), live.out());

        assertEquals("unpinned", cli("peers", "unpin", extraPeer).out().trim());
        assertEquals("pinned", cli("peers", "pin", extraPeer).out().trim());
        final Cli removed = cli("peers", "remove", extraPeer);
        assertEquals("removing", removed.out().trim(), removed.toString());
        assertTrue(extra.await(() -> extra.openConnectionCount() == 0, Duration.ofSeconds(10)));
        assertEquals(2, daemon.broadcaster().livePeers().size());

        final Cli unknown = cli("peers", "remove", extraPeer);
        assertEquals(DashcastMain.EXIT_FAILURE, unknown.status());
        assertEquals("unknown_peer", unknown.err().trim());

        final Cli badAction = cli("peers", "add", "no-port");
        assertEquals(DashcastMain.EXIT_FAILURE, badAction.status());
        assertTrue(badAction.err().contains("HOST:PORT"), badAction.toString());

        final HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + daemon.metricsPort() + "/api/peers?action=add&peer=" + extraPeer))
            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "credentials required");
        assertEquals(2, daemon.broadcaster().livePeers().size());
    }

    @Test
    @Timeout(60)
    void shouldApplyARereadConfigurationWithoutDroppingAPeerThatStays() throws Exception
    {
        start(2);
        final SimulatedDashNode stays = nodes.get(0);
        final SimulatedDashNode goes = nodes.get(1);
        final SimulatedDashNode comes = node();
        final long connectsBefore = stats("sim-0").connects();

        final String account = daemon.reloadPeers(config(List.of(
            new PeerEntry("127.0.0.1", stays.port(), Priority.HIGH, "sim-0", true),
            new PeerEntry("127.0.0.1", comes.port(), Priority.NORMAL, "sim-new", true))));
        assertEquals("configuration re-read: 2 peers configured, 1 added, 1 removed, 1 re-prioritised, the others left " +
            "connected", account);
        assertTrue(goes.await(() -> goes.openConnectionCount() == 0, Duration.ofSeconds(10)));
        await(() -> daemon.broadcaster().readyPeerCount() == 2 && daemon.broadcaster().livePeers().stream()
            .anyMatch(e -> e.name().equals("sim-new")));
        assertEquals(connectsBefore, stats("sim-0").connects(), "the peer that stays kept its connection");
        assertEquals(1, stays.openConnectionCount());
        assertEquals(PeerPriority.HIGH, stats("sim-0").priority());
        assertTrue(daemon.broadcaster().isPinned("sim-new"), "configured peers are pinned");
        assertEquals(List.of("sim-0", "sim-new"), daemon.broadcaster().livePeers().stream().map(PeerEndpoint::name).toList());
    }

    private PeerStats stats(final String name)
    {
        return daemon.broadcaster().stats().peers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private SimulatedDashNode node()
    {
        final SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST));
        nodes.add(node);
        return node;
    }

    private static BroadcastPeersConfig config(final List<PeerEntry> entries)
    {
        return new BroadcastPeersConfig("1.0", "live", entries,
            new Settings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(300)));
    }

    private void start(final int peers) throws Exception
    {
        final List<PeerEntry> entries = new ArrayList<>();
        for (int i = 0; i < peers; i++)
        {
            entries.add(new PeerEntry("127.0.0.1", node().port(), Priority.NORMAL, "sim-" + i, true));
        }
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
        daemon = Daemon.start(new DaemonContext()
            .network(Network.REGTEST)
            .peers(config(entries))
            .dashd(new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password")
                .connectTimeoutMs(1000).requestTimeoutMs(5_000))
            .rpcServer(false).rpcUser("pool").rpcPassword("pool-pw")
            .sharedMemory(false)
            .loops(1)
            .metricsPort(0)
            .countersFile(dir.resolve("counters.dat"))
            .histogramLog(null)
            .peerStore(null)
            .chainPollMs(0)
            .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .err(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        await(() -> daemon.broadcaster().readyPeerCount() == peers);
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(5);
        }
    }

    private Cli cli(final String... args)
    {
        final String[] full = new String[args.length + 6];
        System.arraycopy(args, 0, full, 0, args.length);
        System.arraycopy(new String[] {
            "--url", "http://127.0.0.1:" + daemon.metricsPort(), "--rpc-user", "pool", "--rpc-password", "pool-pw" },
            0, full, args.length, 6);
        final StringWriter outText = new StringWriter();
        final StringWriter errText = new StringWriter();
        final CommandLine commandLine = DashcastMain.commandLine(new ByteArrayInputStream(new byte[0]));
        commandLine.setOut(new PrintWriter(outText, true));
        commandLine.setErr(new PrintWriter(errText, true));
        return new Cli(commandLine.execute(full), outText.toString(), errText.toString());
    }

    private record Cli(int status, String out, String err)
    {
    }
}
