package io.dashcast.tools.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.sim.regtest.DashdBinaries;
import io.dashcast.sim.regtest.RegtestNode;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dashcast as the pool's daemon URL, in front of a real Dash Core v22.1.1 regtest node, driven with
 * the request sequences real pool servers send. Every sequence runs twice: against a twin dashd
 * directly ("direct") and through dashcast ("gateway"); the answers must be the same (HTTP status,
 * results, errors; only fields that differ between any two nodes, like times and connection
 * counts, are left out), and the block must also reach a second real node that is only a P2P peer
 * of dashcast.
 * <pre>
 *  source (mines the blocks, isolated)
 *  direct  ◄── pool sequence                       (kept "connected" by a bare broadcaster)
 *  gateway ◄── dashcast (RPC gateway, P2P critical) ◄── pool sequence
 *  remote  ◄── dashcast (P2P only)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class PoolSequencesRegtestTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_USER = "pool";
    private static final String POOL_PASSWORD = "pool-password";
    private static final int BLOCKS = 40;
    /** Fields that differ between two nodes with the same chain, or between two moments. */
    private static final Set<String> VOLATILE = Set.of("curtime", "mintime", "longpollid", "timeoffset", "connections",
        "connections_in", "connections_out", "verificationprogress", "size_on_disk", "mediantime", "time",
        "networkhashps", "localaddresses", "warnings", "confirmations", "pooledtx", "localservices",
        "localservicesnames", "initialblockdownload");

    private RegtestNode source;
    private RegtestNode direct;
    private RegtestNode gateway;
    private RegtestNode remote;
    private Broadcaster keepDirectConnected;
    private Daemon daemon;
    private final List<String> blocks = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();
    private final AtomicInteger nextBlock = new AtomicInteger(1);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    void startNodes() throws Exception
    {
        Assumptions.assumeTrue(DashdBinaries.available(), "no dashd v22.1.1: set DASHD_DIR (../shared/dashd/install.sh)");
        source = RegtestNode.start();
        direct = RegtestNode.start();
        gateway = RegtestNode.start();
        remote = RegtestNode.start();
        for (final String hash : source.generate(BLOCKS))
        {
            hashes.add(hash);
            blocks.add(source.blockHex(hash));
        }
        // Block 1 everywhere: the chain tip is recent, so no node is in initial block download.
        for (final RegtestNode node : List.of(direct, gateway, remote))
        {
            assertTrue(node.rpc("submitblock", blocks.get(0)).isNull());
        }
        keepDirectConnected = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST)
            .addPeer(new PeerEndpoint("direct", "127.0.0.1", direct.p2pPort(), PeerPriority.CRITICAL))
            .threadNamePrefix("keep-direct-").loopCount(1));
        daemon = Daemon.start(new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "regtest", List.of(
                new PeerEntry("127.0.0.1", gateway.p2pPort(), Priority.CRITICAL, "gateway-dashd", true),
                new PeerEntry("127.0.0.1", remote.p2pPort(), Priority.HIGH, "remote-dashd", true)),
                new Settings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(300))))
            .dashd(new DashdRpcClient.Context().port(gateway.rpcPort()).user(RegtestNode.RPC_USER).password(RegtestNode.RPC_PASSWORD))
            .rpcPort(0).rpcUser(POOL_USER).rpcPassword(POOL_PASSWORD)
            .sharedMemoryPath(java.nio.file.Files.createTempFile("dashcast-gate-", ".ring"))
            .sharedMemoryCapacityBytes(1 << 20)
            .loops(1)
            .out(new PrintStream(log, true, StandardCharsets.UTF_8))
            .err(new PrintStream(log, true, StandardCharsets.UTF_8)));
        awaitTrue(() -> daemon.broadcaster().readyPeerCount() == 2 && keepDirectConnected.readyPeerCount() == 1,
            "dashcast ready on both nodes");
    }

    @AfterAll
    void stopNodes()
    {
        for (final AutoCloseable closeable : new AutoCloseable[] {daemon, keepDirectConnected, source, direct, gateway, remote})
        {
            try
            {
                if (closeable != null)
                {
                    closeable.close();
                }
            }
            catch (final Exception ignore)
            {
                // Closing everything anyway.
            }
        }
    }

    @Test
    void shouldServeNodeStratumPoolAsDashdDoes() throws Exception
    {
        // lib/pool.js at start-up: one batch, submitblock without params probes for the method (-1 expected).
        final String init = "[" + call("validateaddress", "[\"" + RegtestNode.MINE_ADDRESS + "\"]", "1") + "," +
            call("getdifficulty", "[]", "2") + "," + call("getblockchaininfo", "[]", "3") + "," +
            call("getnetworkinfo", "[]", "4") + "," + call("getmininginfo", "[]", "5") + "," + call("submitblock", "[]", "6") + "]";
        final String gbt = call("getblocktemplate", "[{\"capabilities\":[\"coinbasetxn\",\"workid\",\"coinbase/append\"]," +
            "\"rules\":[\"segwit\"]}]", "7");
        final String block = takeBlock();
        final String submit = call("submitblock", "[\"" + block + "\"]", "8");
        final String getblock = call("getblock", "[\"" + hashOf(block) + "\"]", "9");
        final List<RawHttp.Response> viaDashd = sequence(directPort(), false, init, gbt, gbt, submit, getblock);
        final List<RawHttp.Response> viaGateway = sequence(daemon.rpcPort(), false, init, gbt, gbt, submit, getblock);
        assertSameAnswers(viaDashd, viaGateway);
        assertEquals(-1, JSON.readTree(viaGateway.get(0).body()).get(5).path("error").path("code").asInt());
        assertTrue(JSON.readTree(viaGateway.get(3).body()).path("result").isNull(), viaGateway.get(3).bodyText());
        assertReachedRemote(block);
    }

    @Test
    void shouldServeMiningcoresSubmitBatchAsDashdDoes() throws Exception
    {
        final String block = takeBlock();
        final String batch = "[" + call2("submitblock", "[\"" + block + "\"]", 1) + "," +
            call2("getblock", "[\"" + hashOf(block) + "\"]", 2) + "]";
        final List<RawHttp.Response> viaDashd = sequence(directPort(), false, batch);
        final List<RawHttp.Response> viaGateway = sequence(daemon.rpcPort(), false, batch);
        assertSameAnswers(viaDashd, viaGateway);
        final JsonNode answers = JSON.readTree(viaGateway.get(0).body());
        assertTrue(answers.get(0).path("result").isNull(), answers.toString());
        assertEquals(hashOf(block), answers.get(1).path("result").path("hash").asText(), answers.toString());
        assertReachedRemote(block);
    }

    @Test
    void shouldServeP2poolDashAsDashdDoes() throws Exception
    {
        final String help = call2("help", "[]", 1);
        final String header = call2("getblockheader", "[\"" + hashes.get(0) + "\"]", 2);
        final String template = call2("getblocktemplate", "[{\"mode\":\"template\"}]", 3);
        assertSameAnswers(sequence(directPort(), false, help, header, template),
            sequence(daemon.rpcPort(), false, help, header, template));
    }

    @Test
    void shouldServeCkpoolRequestsWithoutIdAsDashdDoes() throws Exception
    {
        final String block = takeBlock();
        final String gbt = "{\"method\": \"getblocktemplate\", \"params\": [{\"capabilities\": [\"coinbasetxn\", \"workid\", " +
            "\"coinbase/append\"], \"rules\" : [\"segwit\"]}]}";
        final String validate = "{\"method\": \"validateaddress\", \"params\": [\"" + RegtestNode.MINE_ADDRESS + "\"]}";
        final String best = "{\"method\": \"getbestblockhash\"}";
        final String submit = "{\"method\": \"submitblock\", \"params\": [\"" + block + "\"]}";
        final List<RawHttp.Response> viaDashd = sequence(directPort(), true, gbt, validate, submit, best);
        final List<RawHttp.Response> viaGateway = sequence(daemon.rpcPort(), true, gbt, validate, submit, best);
        assertSameAnswers(viaDashd, viaGateway);
        assertEquals("{\"result\":null,\"error\":null,\"id\":null}\n", viaGateway.get(2).bodyText());
        assertReachedRemote(block);
    }

    @Test
    void shouldServeYiimpsBareLfRequestsWithContentLength() throws Exception
    {
        final String block = takeBlock();
        final String info = "{\"method\":\"getblockchaininfo\",\"params\":[],\"id\":\"1\"}";
        final String gbt = "{\"method\":\"getblocktemplate\",\"params\":[{\"capabilities\":[\"coinbasetxn\",\"workid\"," +
            "\"coinbase/append\"],\"rules\":[\"segwit\"]}],\"id\":\"2\"}";
        final String submit = "{\"method\":\"submitblock\",\"params\":[\"" + block + "\"],\"id\":\"3\"}";
        final List<RawHttp.Response> viaDashd = sequence(directPort(), true, info, gbt, submit);
        final List<RawHttp.Response> viaGateway = sequence(daemon.rpcPort(), true, info, gbt, submit);
        assertSameAnswers(viaDashd, viaGateway);
        for (final RawHttp.Response response : viaGateway)
        {
            assertEquals(String.valueOf(response.body().length), response.header("Content-Length"));
        }
        assertReachedRemote(block);
    }

    @Test
    void shouldPassALongPollThroughWhileABlockIsSubmitted() throws Exception
    {
        final String longpollid = JSON.readTree(post(daemon.rpcPort(), call("getblocktemplate", "[{\"rules\":[\"segwit\"]}]", "1"))
            .body()).path("result").path("longpollid").asText();
        final String directLongpollid = JSON.readTree(post(directPort(), call("getblocktemplate", "[{\"rules\":[\"segwit\"]}]", "1"))
            .body()).path("result").path("longpollid").asText();
        final String poll = "[{\"rules\":[\"segwit\"],\"longpollid\":\"%s\"}]";
        final CompletableFuture<RawHttp.Response> gatewayPoll = CompletableFuture.supplyAsync(() ->
            postUnchecked(daemon.rpcPort(), call("getblocktemplate", String.format(poll, longpollid), "lp")));
        final CompletableFuture<RawHttp.Response> directPoll = CompletableFuture.supplyAsync(() ->
            postUnchecked(directPort(), call("getblocktemplate", String.format(poll, directLongpollid), "lp")));
        Thread.sleep(500);
        assertFalse(gatewayPoll.isDone(), "the long-poll waits for a new block");
        final String block = takeBlock();
        final long start = System.nanoTime();
        final RawHttp.Response submitted = post(daemon.rpcPort(), call("submitblock", "[\"" + block + "\"]", "s"));
        assertTrue(JSON.readTree(submitted.body()).path("result").isNull(), submitted.bodyText());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000, "submitblock not queued behind the poll");
        post(directPort(), call("submitblock", "[\"" + block + "\"]", "s"));
        final RawHttp.Response viaGateway = gatewayPoll.get(60, TimeUnit.SECONDS);
        final RawHttp.Response viaDashd = directPoll.get(60, TimeUnit.SECONDS);
        assertSameAnswers(List.of(viaDashd), List.of(viaGateway));
        assertEquals(hashOf(block), JSON.readTree(viaGateway.body()).path("result").path("previousblockhash").asText());
        assertReachedRemote(block);
    }

    @Test
    void shouldPassWalletPathsAndErrorsThroughUnchanged() throws Exception
    {
        final String nosuch = call("nosuchmethod", "[]", "[1,2]");
        final String invalid = "{\"id\":1,\"method\":5}";
        final String parse = "{\"method\":";
        final String wallet = call2("getblockcount", "[]", 3);
        for (final String body : List.of(nosuch, invalid, parse))
        {
            final RawHttp.Response a = post(directPort(), body);
            final RawHttp.Response b = post(daemon.rpcPort(), body);
            assertEquals(a.status(), b.status(), body);
            assertEquals(a.bodyText(), b.bodyText(), body);
        }
        try (PoolClient d = new PoolClient(directPort(), RegtestNode.RPC_USER, RegtestNode.RPC_PASSWORD, false);
            PoolClient g = new PoolClient(daemon.rpcPort(), POOL_USER, POOL_PASSWORD, false))
        {
            final RawHttp.Response a = d.post("/wallet/none", wallet);
            final RawHttp.Response b = g.post("/wallet/none", wallet);
            assertEquals(a.status(), b.status());
            assertEquals(a.bodyText(), b.bodyText());
        }
    }

    @Test
    void shouldBroadcastAHundredCopiesInOneBatchOnce() throws Exception
    {
        final String block = takeBlock();
        final StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 100; i++)
        {
            batch.append(i == 0 ? "" : ",").append(call2("submitblock", "[\"" + block + "\"]", i));
        }
        final JsonNode answers = JSON.readTree(post(daemon.rpcPort(), batch.append(']').toString()).body());
        assertEquals(100, answers.size());
        assertTrue(answers.get(0).path("result").isNull(), answers.get(0).toString());
        for (int i = 1; i < 100; i++)
        {
            assertEquals("duplicate", answers.get(i).path("result").asText(), answers.get(i).toString());
        }
        // The pool is answered once dashd has spoken; the summary is logged when every path has.
        assertReachedRemote(block);
        awaitTrue(() -> count(log.toString(StandardCharsets.UTF_8), "Block hash: " + hashOf(block)) >= 1, "the summary logged");
        assertEquals(1, count(log.toString(StandardCharsets.UTF_8), "Block hash: " + hashOf(block)), "one broadcast");
        post(directPort(), call("submitblock", "[\"" + block + "\"]", "s"));
    }

    @Test
    void shouldRefuseBadBlocksOnEveryIngressBeforeAnyPeerGetsThem() throws Exception
    {
        final byte[] next = java.util.HexFormat.of().parseHex(blocks.get(nextBlock.get()));
        final byte[] badPow = withNonceWhere(next, false);
        final byte[] badMerkle = next.clone();
        badMerkle[36] ^= 1;
        final byte[] badMerkleGoodPow = withNonceWhere(badMerkle, true);
        final byte[] truncated = java.util.Arrays.copyOf(next, next.length - 5);
        final long submittedBefore = daemon.broadcaster().stats().blocksSubmitted();
        final String remoteAgent = "dashcast";

        final String hex = java.util.HexFormat.of().formatHex(badPow);
        assertEquals("high-hash", JSON.readTree(post(daemon.rpcPort(), call("submitblock", "[\"" + hex + "\"]", "p")).body())
            .path("result").asText());
        assertEquals("bad-txnmrklroot", JSON.readTree(post(daemon.rpcPort(), call("submitblock", "[\"" +
            java.util.HexFormat.of().formatHex(badMerkleGoodPow) + "\"]", "m")).body()).path("result").asText());
        assertEquals(-22, JSON.readTree(post(daemon.rpcPort(), call("submitblock", "[\"" +
            java.util.HexFormat.of().formatHex(truncated) + "\"]", "t")).body()).path("error").path("code").asInt());
        for (final byte[] bad : List.of(badPow, badMerkleGoodPow, truncated))
        {
            final io.dashcast.tools.daemon.SubmissionReport api = daemon.submitter().submit(bad, "api").get(20, TimeUnit.SECONDS);
            assertTrue(api.p2pRefusal() != null && api.receipt() == null, String.valueOf(api));
            assertEquals(io.dashcast.engine.ingress.SharedMemoryBlockPublisher.OfferResult.OK,
                io.dashcast.engine.ingress.SharedMemoryBlockPublisher.open(daemon.sharedMemoryPath()).offer(bad));
        }
        awaitTrue(() -> count(log.toString(StandardCharsets.UTF_8), "via shm") >= 3, "the shm blocks were read");
        assertEquals(submittedBefore, daemon.broadcaster().stats().blocksSubmitted(), "no bad block reached a ring slot");
        Thread.sleep(500);
        for (final RegtestNode node : List.of(gateway, remote))
        {
            boolean connected = false;
            for (final JsonNode peer : node.peerInfo())
            {
                connected |= peer.path("subver").asText().contains(remoteAgent);
            }
            assertTrue(connected, "dashcast is still connected to the node: " + node.peerInfo());
            assertEquals(0, node.banned().size(), node.banned().toString());
            assertFalse(node.logContains("Misbehaving"), "no misbehaviour scored");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Grind the nonce until X11 of the header meets (or fails) the regtest target.
     */
    private static byte[] withNonceWhere(final byte[] block, final boolean meetsTarget)
    {
        final byte[] copy = block.clone();
        for (int nonce = 0; ; nonce++)
        {
            copy[76] = (byte)nonce;
            copy[77] = (byte)(nonce >>> 8);
            copy[78] = (byte)(nonce >>> 16);
            copy[79] = (byte)(nonce >>> 24);
            if (io.dashcast.sim.TestBlocks.meetsTarget(io.dashcast.sim.TestBlocks.hash(copy), io.dashcast.sim.TestBlocks.bits(copy)) ==
                meetsTarget)
            {
                return copy;
            }
        }
    }

    private int directPort()
    {
        return direct.rpcPort();
    }

    private synchronized String takeBlock()
    {
        return blocks.get(nextBlock.getAndIncrement());
    }

    private String hashOf(final String blockHex)
    {
        return hashes.get(blocks.indexOf(blockHex));
    }

    private List<RawHttp.Response> sequence(final int port, final boolean bareLf, final String... bodies) throws Exception
    {
        final boolean viaDashd = port == directPort();
        final List<RawHttp.Response> answers = new ArrayList<>();
        try (PoolClient client = viaDashd ?
            new PoolClient(port, RegtestNode.RPC_USER, RegtestNode.RPC_PASSWORD, bareLf) :
            new PoolClient(port, POOL_USER, POOL_PASSWORD, bareLf))
        {
            for (final String body : bodies)
            {
                answers.add(client.post(body));
            }
        }
        return answers;
    }

    private RawHttp.Response post(final int port, final String body) throws Exception
    {
        return sequence(port, false, body).get(0);
    }

    private RawHttp.Response postUnchecked(final int port, final String body)
    {
        try
        {
            return post(port, body);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String call(final String method, final String params, final String id)
    {
        return "{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + (id.startsWith("[") ? id : "\"" + id + "\"") + "}";
    }

    private static String call2(final String method, final String params, final int id)
    {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + id + "}";
    }

    private static void assertSameAnswers(final List<RawHttp.Response> viaDashd, final List<RawHttp.Response> viaGateway)
        throws Exception
    {
        assertEquals(viaDashd.size(), viaGateway.size());
        for (int i = 0; i < viaDashd.size(); i++)
        {
            final RawHttp.Response a = viaDashd.get(i);
            final RawHttp.Response b = viaGateway.get(i);
            assertEquals(a.status(), b.status(), () -> "status of answer " + ": " + a.bodyText() + " / " + b.bodyText());
            assertEquals(a.header("Content-Type"), b.header("Content-Type"));
            assertEquals(stable(JSON.readTree(a.body())), stable(JSON.readTree(b.body())),
                "answer " + i + "\n direct: " + a.bodyText() + "\n gateway: " + b.bodyText());
        }
    }

    private static JsonNode stable(final JsonNode node)
    {
        if (node instanceof ObjectNode)
        {
            final ObjectNode copy = ((ObjectNode)node).deepCopy();
            final Iterator<String> names = copy.fieldNames();
            final List<String> drop = new ArrayList<>();
            names.forEachRemaining(name ->
            {
                if (VOLATILE.contains(name))
                {
                    drop.add(name);
                }
            });
            copy.remove(drop);
            copy.fields().forEachRemaining(e -> e.setValue(stable(e.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode)
        {
            final ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(stable(element)));
            return copy;
        }
        return node;
    }

    private void assertReachedRemote(final String blockHex)
    {
        final String hash = hashOf(blockHex);
        assertTrue(remote.awaitTip(hash, 20_000) || !remote.rpc("getblockheader", hash).isNull(),
            "the P2P peer got " + hash + "\n" + log.toString(StandardCharsets.UTF_8));
        assertTrue(gateway.rpc("getblock", hash).path("hash").asText().equals(hash));
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

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }
}
