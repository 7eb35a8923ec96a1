package io.dashcast.tools.daemon;

import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.sim.SimConnection;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import io.dashcast.protocol.Network;
import io.dashcast.tools.DashcastMain;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.sim.dashd.FakeDashd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon end to end on 127.0.0.1: simulated Dash nodes, a fake dashd answering as the recorded
 * one, and blocks through every ingress path.
 */
class DaemonEndToEndTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "e2e-password";

    @TempDir
    Path dir;

    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FakeDashd dashd;
    private Daemon daemon;

    @BeforeEach
    void setUp() throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            nodes.add(SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)));
        }
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
    }

    @AfterEach
    void tearDown()
    {
        if (daemon != null)
        {
            daemon.close();
        }
        dashd.close();
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(90)
    void shouldDeliverEveryBlockThroughEveryIngressToEveryNodeAndTheDashd() throws Exception
    {
        daemon = Daemon.start(context(dashd.port()));
        awaitReady(3);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("local dashd at height 0, best " +
            Network.REGTEST.genesisHashHex()), () -> out.toString(StandardCharsets.UTF_8));
        // The launch rehearsal ran whole before the peers connected: every dummy block acked by its own node.
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("launch rehearsal: " +
            BroadcasterContext.DEFAULT_REHEARSAL_BLOCKS + " of " + BroadcasterContext.DEFAULT_REHEARSAL_BLOCKS +
            " dummy blocks acked"), () -> out.toString(StandardCharsets.UTF_8));
        assertEquals(BroadcasterContext.DEFAULT_REHEARSAL_BLOCKS, daemon.broadcaster().rehearsedBlocks());
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 4);

        final SubmitBlockResult viaRpc = endpointClient(PASSWORD).submitblock(chain.get(0), 0, chain.get(0).length);
        assertEquals(SubmitBlockResult.Status.ACCEPTED, viaRpc.status(), viaRpc::toString);
        awaitEverywhere(chain.get(0));

        assertEquals(SharedMemoryBlockPublisher.OfferResult.OK,
            SharedMemoryBlockPublisher.open(daemon.sharedMemoryPath()).offer(chain.get(1)));
        awaitEverywhere(chain.get(1));
        // The RPC copy is queued just after the P2P push: on a loaded machine the next block from
        // another thread could reach dashd's queue first and be refused prev-blk-not-found.
        assertTrue(dashd.awaitSubmissions(2, 20_000), () -> String.valueOf(dashd.submissions()));

        final SubmissionReport viaApi = daemon.submitter().submit(chain.get(2), "api").get(20, TimeUnit.SECONDS);
        assertEquals(3, viaApi.receipt().ackCount());
        assertTrue(viaApi.rpcSucceeded(), () -> String.valueOf(viaApi.rpc()));
        awaitEverywhere(chain.get(2));

        final Path blockFile = dir.resolve("b4.hex");
        Files.writeString(blockFile, HexFormat.of().formatHex(chain.get(3)));
        final Cli send = cli("send", blockFile.toString(), "--rpc", "127.0.0.1:" + daemon.rpcPort(),
            "--rpc-user", "pool", "--rpc-password", PASSWORD);
        assertEquals(0, send.status, send.err);
        assertTrue(send.out.contains("\"peers_acked\":3"), send.out);
        assertTrue(send.out.contains(TestBlocks.hashHex(chain.get(3))), send.out);
        awaitEverywhere(chain.get(3));

        assertTrue(dashd.awaitSubmissions(4, 10_000), "the fake dashd got every block by RPC");
        final String log = out.toString(StandardCharsets.UTF_8);
        for (final byte[] block : chain)
        {
            final String hash = TestBlocks.hashHex(block);
            assertTrue(log.contains("Block hash: " + hash), hash);
        }
        assertEquals(4, count(log, "Multi-peer P2P: ✓ 3/3 peers"), log);
        assertEquals(4, count(log, "Local RPC:      ✓ accepted"), log);
        assertTrue(log.contains("via shm") && log.contains("via rpc") && log.contains("via api"), log);
        for (final SimulatedDashNode node : nodes)
        {
            assertEquals(0, node.connections().stream().mapToInt(SimConnection::misbehaviourScore).sum());
        }
    }

    @Test
    @Timeout(60)
    void shouldStillBroadcastWhenTheDashdIsUnreachableAndSaySo() throws Exception
    {
        daemon = Daemon.start(context(closedPort()));
        awaitReady(3);
        assertEquals(0, daemon.startHeight());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("local dashd did not answer getblockcount (unreachable"),
            () -> err.toString(StandardCharsets.UTF_8));
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final SubmitBlockResult answer = endpointClient(PASSWORD).submitblock(block, 0, block.length);
        // dashd cannot be asked, but every peer acknowledged the block: accepted.
        assertEquals(SubmitBlockResult.Status.ACCEPTED, answer.status(), answer::toString);
        awaitEverywhere(block);
        // The pool is answered as soon as the peers acknowledged; the summary is logged right after.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!out.toString(StandardCharsets.UTF_8).contains("Local RPC:") && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Multi-peer P2P: ✓ 3/3"), log);
        assertTrue(log.contains("Local RPC:      ✗ unreachable"), log);
    }

    @Test
    @Timeout(60)
    void shouldSayAtStartWhenTheDashdRefusesTheCookie() throws Exception
    {
        final Path cookie = dir.resolve("stale.cookie");
        Files.writeString(cookie, "__cookie__:stale");
        daemon = Daemon.start(context(dashd.port()).dashd(new DashdRpcClient.Context().port(dashd.port()).cookieFile(cookie)));
        assertEquals(0, daemon.startHeight());
        assertNull(daemon.startBestBlockHash());
        final String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("local dashd did not answer getblockcount (auth_failed") && log.contains("cookie " + cookie),
            log);
    }

    @Test
    @Timeout(60)
    void shouldRefuseWrongCredentialsWithoutLosingAnything() throws Exception
    {
        daemon = Daemon.start(context(dashd.port()));
        awaitReady(3);
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final RpcReply refused = endpointClient("wrong").call("submitblock",
            "[\"" + HexFormat.of().formatHex(block) + "\"]");
        assertEquals(RpcReply.Status.AUTH_FAILED, refused.status());

        final Path blockFile = dir.resolve("b.hex");
        Files.writeString(blockFile, HexFormat.of().formatHex(block));
        final Cli send = cli("send", blockFile.toString(), "--rpc", "127.0.0.1:" + daemon.rpcPort(),
            "--rpc-user", "pool", "--rpc-password", "wrong");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, send.status);
        assertOneLine(send.err, "refused the credentials");

        // The refused block was never taken; the same block with the right password goes everywhere.
        assertEquals(0, daemon.broadcaster().stats().blocksSubmitted());
        assertEquals(SubmitBlockResult.Status.ACCEPTED, endpointClient(PASSWORD).submitblock(block, 0, block.length).status());
        awaitEverywhere(block);
    }

    @Test
    @Timeout(60)
    void shouldDegradeToRpcAloneWithNoReadyPeers() throws Exception
    {
        nodes.forEach(SimulatedDashNode::close);
        daemon = Daemon.start(context(dashd.port()));
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final SubmissionReport report = daemon.submitter().submit(block, "api").get(20, TimeUnit.SECONDS);
        assertFalse(report.p2pSucceeded());
        assertTrue(report.rpcSucceeded());
        assertTrue(dashd.awaitSubmissions(1, 5_000));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("degrading to the local dashd RPC alone"));
    }

    @Test
    @Timeout(60)
    void shouldReportABlockThatReachedNothingLoudly() throws Exception
    {
        nodes.forEach(SimulatedDashNode::close);
        daemon = Daemon.start(context(dashd.port()).fallback(false));
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final SubmissionReport report = daemon.submitter().submit(block, "api").get(20, TimeUnit.SECONDS);
        assertFalse(report.anySucceeded());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("WAS NOT DELIVERED ON ANY PATH"));
    }

    @Test
    @Timeout(30)
    void shouldRejectBadConfigAndBadBlocksWithOneLine() throws Exception
    {
        final Path config = dir.resolve("peers.json");
        Files.writeString(config, "{\n  \"peers\": [\n    {\"host\": \"127.0.0.1\", \"port\": 9999, \"prio\": \"high\"}\n  ]\n}\n");
        final Cli run = cli("run", "--config", config.toString(), "--broadcast-no-fallback", "--no-shm", "--rpc-port", "0");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, run.status);
        assertOneLine(run.err, "peers.json:3");

        final Cli noCredentials = cli("run", "--network", "regtest", "--no-shm", "--rpc-port", "0");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, noCredentials.status);
        assertOneLine(noCredentials.err, "--dashd-rpc-user");

        final Cli badBlock = cli("send", "-", "--rpc", "127.0.0.1:1", "--rpc-user", "a", "--rpc-password", "b");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, badBlock.status);
        assertOneLine(badBlock.err, "");

        final Cli noDaemon = cli("feed", dir.resolve("missing.hex").toString(), "--shm", dir.resolve("none.ring").toString());
        assertEquals(DashcastMain.EXIT_BAD_INPUT, noDaemon.status);
        assertOneLine(noDaemon.err, "");
    }

    @Test
    @Timeout(90)
    void shouldAnswerAndReportEveryCallAlreadyReadWhenShutDownDuringABurst() throws Exception
    {
        daemon = Daemon.start(context(dashd.port()));
        awaitReady(3);
        dashd.delayMs(300);
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 10);
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try
        {
            final List<java.util.concurrent.Future<SubmitBlockResult>> answers = new ArrayList<>();
            for (final byte[] block : chain)
            {
                answers.add(pool.submit(() -> endpointClient(PASSWORD).submitblock(block, 0, block.length)));
            }
            assertTrue(dashd.awaitSubmissions(1, 10_000), "calls are in flight");
            Thread.sleep(300);
            final long start = System.nanoTime();
            daemon.close();      // what the SIGTERM hook runs
            final long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            daemon = null;
            for (final java.util.concurrent.Future<SubmitBlockResult> answer : answers)
            {
                final SubmitBlockResult result = answer.get(10, TimeUnit.SECONDS);
                assertTrue(result.status() == SubmitBlockResult.Status.ACCEPTED ||
                    result.status() == SubmitBlockResult.Status.REJECTED, result::toString);
            }
            final String log = out.toString(StandardCharsets.UTF_8);
            for (final byte[] block : chain)
            {
                assertEquals(1, count(log, "Block hash: " + TestBlocks.hashHex(block)), log);
            }
            assertTrue(closeMs < 30_000, "shut down in " + closeMs + " ms");
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private DaemonContext context(final int dashdPort)
    {
        final List<PeerEntry> entries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++)
        {
            entries.add(new PeerEntry("127.0.0.1", nodes.get(i).port(), i == 0 ? Priority.CRITICAL : Priority.NORMAL,
                "sim-" + i, true));
        }
        return new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "e2e", entries,
                new Settings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(300))))
            .dashd(new DashdRpcClient.Context().port(dashdPort).user("dashd").password("dashd-password")
                .connectTimeoutMs(2000).requestTimeoutMs(10_000))
            .rpcPort(0).rpcUser("pool").rpcPassword(PASSWORD)
            .sharedMemoryPath(dir.resolve("queue.ring")).sharedMemoryCapacityBytes(4 * 1024 * 1024)
            .loops(1)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .err(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private DashdRpcClient endpointClient(final String password)
    {
        return new DashdRpcClient(new DashdRpcClient.Context().port(daemon.rpcPort()).user("pool").password(password)
            .requestTimeoutMs(20_000).conclude());
    }

    private void awaitReady(final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (daemon.broadcaster().readyPeerCount() < count && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(count, daemon.broadcaster().readyPeerCount());
    }

    private void awaitEverywhere(final byte[] block)
    {
        final byte[] hash = TestBlocks.hash(block);
        for (final SimulatedDashNode node : nodes)
        {
            assertTrue(node.awaitTip(hash, WAIT), node::toString);
        }
    }

    private static int closedPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static int count(final String text, final String needle)
    {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1))
        {
            n++;
        }
        return n;
    }

    private static void assertOneLine(final String text, final String contains)
    {
        final String trimmed = text.trim();
        assertFalse(trimmed.isEmpty(), "an error line");
        assertEquals(1, trimmed.split("\n").length, trimmed);
        assertTrue(trimmed.contains(contains), trimmed);
        assertFalse(trimmed.contains("\tat "), trimmed);
    }

    private static Cli cli(final String... args)
    {
        final StringWriter outText = new StringWriter();
        final StringWriter errText = new StringWriter();
        final CommandLine commandLine = DashcastMain.commandLine(new ByteArrayInputStream("zz\n".getBytes(StandardCharsets.US_ASCII)));
        commandLine.setOut(new PrintWriter(outText, true));
        commandLine.setErr(new PrintWriter(errText, true));
        final int status = commandLine.execute(args);
        return new Cli(status, outText.toString(), errText.toString());
    }

    private record Cli(int status, String out, String err)
    {
    }
}
