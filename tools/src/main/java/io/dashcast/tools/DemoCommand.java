package io.dashcast.tools;

import io.dashcast.engine.PeerStats;
import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.sim.SimConnection;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import io.dashcast.protocol.Network;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import io.dashcast.tools.daemon.SubmissionLog;
import io.dashcast.tools.daemon.SubmissionReport;
import io.dashcast.sim.dashd.FakeDashd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code dashcast demo}: the whole product on one machine with nothing installed. Simulated Dash
 * Core nodes and a fake dashd RPC on 127.0.0.1, the daemon on them, and real blocks broadcast
 * through each ingress path with the seed's submission summary and per-peer figures.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run simulated Dash nodes and a fake dashd on 127.0.0.1, the daemon on them, and broadcast real blocks.")
public final class DemoCommand implements java.util.concurrent.Callable<Integer>
{
    private static final String[] REAL_BLOCKS = {
        "mainnet-1.hex", "mainnet-842285.hex", "mainnet-1879105.hex", "mainnet-2045354-protx-register.hex" };
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Option(names = "--once", description = "Exit after the summary instead of running until Ctrl-C.")
    boolean once;

    @Option(names = "--nodes", defaultValue = "6", description = "Simulated nodes (default ${DEFAULT-VALUE}).")
    int nodeCount;

    @Override
    public Integer call() throws Exception
    {
        if (nodeCount < 1 || nodeCount > 64)
        {
            throw new BadInputException("--nodes must be 1..64");
        }
        final PrintStream out = System.out;
        final List<SimulatedDashNode> nodes = new ArrayList<>();
        final Path queueFile = Files.createTempFile("dashcast-demo-", ".ring");
        Files.delete(queueFile);
        Daemon daemon = null;
        FakeDashd dashd = null;
        boolean ok;
        try
        {
            for (int i = 0; i < nodeCount; i++)
            {
                nodes.add(SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.MAINNET)));
            }
            final String password = Long.toHexString(System.nanoTime());
            dashd = FakeDashd.start("demo", password);
            dashd.tip(Network.MAINNET.genesisHashHex(), 0);
            // The demo's new blocks are synthetic on mainnet magic: they cannot meet mainnet's proof of
            // work, so the validation gate (which would refuse them, as it must for a pool) is off here.
            daemon = RunCommand.startDaemon(new DaemonContext()
                .validateBlocks(false)
                .network(Network.MAINNET)
                .peers(peers(nodes))
                .dashd(new DashdRpcClient.Context().port(dashd.port()).user("demo").password(password))
                .rpcPort(0).rpcUser("demo").rpcPassword(password)
                .sharedMemoryPath(queueFile).sharedMemoryCapacityBytes(8 * 1024 * 1024));
            out.println("dashcast demo: " + nodeCount + " simulated Dash Core nodes (mainnet magic) on 127.0.0.1, " +
                "fake dashd RPC on port " + dashd.port() + ", submitblock endpoint on port " + daemon.rpcPort());
            awaitReady(daemon, nodeCount);
            ok = broadcastAll(daemon, nodes, dashd, password, queueFile, out);
            printPeers(daemon, nodes, out);
            if (!once)
            {
                out.println("dashcast demo: daemon running; submitblock at 127.0.0.1:" + daemon.rpcPort() +
                    " (user demo, password " + password + "); Ctrl-C stops");
                final CountDownLatch forever = new CountDownLatch(1);
                final Daemon running = daemon;
                Runtime.getRuntime().addShutdownHook(new Thread(running::close));
                forever.await();
            }
        }
        finally
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
            Files.deleteIfExists(queueFile);
        }
        out.println(ok ? "dashcast demo: OK" : "dashcast demo: FAILED (see above)");
        return ok ? DashcastMain.EXIT_OK : DashcastMain.EXIT_FAILURE;
    }

    private static BroadcastPeersConfig peers(final List<SimulatedDashNode> nodes)
    {
        final List<PeerEntry> entries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++)
        {
            final Priority priority = i == 0 ? Priority.CRITICAL : i < 2 ? Priority.CRITICAL : i < 4 ? Priority.HIGH :
                Priority.NORMAL;
            final String name = i == 0 ? "local-dashd" : i < 2 ? "pool-" + i : i < 4 ? "explorer-" + i : "node-" + i;
            entries.add(new PeerEntry("127.0.0.1", nodes.get(i).port(), priority, name, true));
        }
        return new BroadcastPeersConfig(BroadcastPeersConfig.CURRENT_VERSION, "dashcast demo", entries,
            new Settings(64, 1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(300)));
    }

    private static void awaitReady(final Daemon daemon, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (daemon.broadcaster().readyPeerCount() < count && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        if (daemon.broadcaster().readyPeerCount() < count)
        {
            throw new IllegalStateException("only " + daemon.broadcaster().readyPeerCount() + " of " + count +
                " simulated nodes completed the handshake");
        }
    }

    /**
     * Real blocks through the in-process API: block 1 extends the nodes' genesis and is accepted;
     * the later real blocks' parents are unknown to the nodes, which have just told us their tip,
     * so ban safety announces only their headers. Then fresh blocks on block 1, of growing size,
     * through JSON-RPC, the shared-memory queue and the API.
     */
    private static boolean broadcastAll(
        final Daemon daemon, final List<SimulatedDashNode> nodes, final FakeDashd dashd, final String password,
        final Path queueFile, final PrintStream out) throws Exception
    {
        boolean ok = true;
        byte[] block1 = null;
        for (final String name : REAL_BLOCKS)
        {
            final byte[] block = resource(name);
            if (block1 == null)
            {
                out.println("dashcast demo: real block " + name + " (" + block.length + " bytes) via the in-process API;" +
                    " it extends the nodes' genesis: expected: every node takes it");
            }
            else
            {
                out.println("dashcast demo: real block " + name + " (" + block.length + " bytes) via the in-process API;" +
                    " its parent is on no node: expected: held back, headers only (ban safety), and the dashd" +
                    " answers prev-blk-not-found");
            }
            final SubmissionReport report = daemon.submitter().submit(block, "api").get(30, TimeUnit.SECONDS);
            if (block1 == null)
            {
                block1 = block;
                ok &= report.receipt() != null && report.receipt().ackCount() == nodes.size();
                ok &= awaitEverywhere(nodes, block);
            }
            else
            {
                final boolean expected = SubmissionLog.parentUnknownEverywhere(report);
                out.println("dashcast demo: " + (expected ? "held back as expected" :
                    "NOT the expected outcome for a block with an unknown parent"));
                ok &= expected;
            }
        }
        final int[] sizes = { 1024, 64 * 1024, 1024 * 1024 };
        final String[] paths = { "rpc", "shm", "api" };
        byte[] parent = block1;
        for (int i = 0; i < sizes.length; i++)
        {
            final byte[] block = TestBlocks.on(parent, i + 1).padToSize(sizes[i]).build();
            out.println("dashcast demo: new block of " + sizes[i] + " bytes via " + paths[i]);
            switch (paths[i])
            {
                case "rpc":
                    final SubmitBlockResult result = new DashdRpcClient(new DashdRpcClient.Context()
                        .port(daemon.rpcPort()).user("demo").password(password).conclude()).submitblock(block, 0, block.length);
                    out.println("dashcast demo: submitblock answered: " + result);
                    ok &= result.dashdHasBlock();
                    break;
                case "shm":
                    final SharedMemoryBlockPublisher publisher = SharedMemoryBlockPublisher.open(queueFile);
                    ok &= publisher.offer(block) == SharedMemoryBlockPublisher.OfferResult.OK;
                    break;
                default:
                    ok &= daemon.submitter().submit(block, "api").get(30, TimeUnit.SECONDS).receipt().ackCount() ==
                        nodes.size();
                    break;
            }
            ok &= awaitEverywhere(nodes, block);
            parent = block;
        }
        ok &= dashd.awaitSubmissions(REAL_BLOCKS.length + sizes.length, 10_000);
        return ok;
    }

    private static boolean awaitEverywhere(final List<SimulatedDashNode> nodes, final byte[] block)
    {
        final byte[] hash = TestBlocks.hash(block);
        boolean all = true;
        for (final SimulatedDashNode node : nodes)
        {
            all &= node.awaitTip(hash, WAIT);
        }
        return all;
    }

    private static void printPeers(final Daemon daemon, final List<SimulatedDashNode> nodes, final PrintStream out)
    {
        out.println("PEER FIGURES (handoff and ack: submit to kernel / to pong, microseconds)");
        out.println(String.format(Locale.ROOT, "  %-12s %-9s %-6s %5s %5s %5s %10s %10s %10s %10s %6s",
            "peer", "priority", "state", "sent", "acked", "held", "handoff50", "handoff99", "ack50", "rtt", "score"));
        final List<PeerStats> peers = daemon.broadcaster().stats().peers();
        for (int i = 0; i < peers.size(); i++)
        {
            final PeerStats p = peers.get(i);
            final int score = nodes.get(i).connections().stream().mapToInt(SimConnection::misbehaviourScore).sum();
            out.println(String.format(Locale.ROOT, "  %-12s %-9s %-6s %5d %5d %5d %10.1f %10.1f %10.1f %10.1f %6d",
                p.name(), p.priority().name().toLowerCase(), p.state(), p.blocksSent(), p.blocksAcked(),
                p.blocksHeldBack(), p.handoff().p50Us(), p.handoff().p99Us(), p.ack().p50Us(), p.lastRttUs(), score));
        }
    }

    private static byte[] resource(final String name) throws IOException
    {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name))
        {
            if (in == null)
            {
                throw new IOException("missing demo block " + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
