package io.dashcast.realnode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.sim.TestBlocks;
import io.dashcast.sim.regtest.OpTrueCoins;
import io.dashcast.sim.regtest.RegtestBlocks;
import io.dashcast.sim.regtest.RegtestNode;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import io.dashcast.tools.daemon.SubmissionReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon end to end with a real Dash Core v22.1.1 node as its local dashd, started as
 * {@code dashcast run} starts it ({@link Daemon#start}): the node's P2P port as its one critical
 * peer, the node's RPC with the cookie from the node's datadir (no user or password anywhere), the
 * JSON-RPC gateway a pool points its daemon URL at.
 * <p>
 * Which path reaches the node first is made certain, not left to a race: a {@link DelayingRelay}
 * sits in front of the node's P2P port and one in front of its RPC port, and a test holds back one
 * of them. Every {@code submitblock} answer below is what v22.1.1 gave in an experiment run by hand
 * (a block on the best chain {@code null}; a resubmission {@code duplicate}; a valid block on a
 * branch with no more work {@code inconclusive}, and {@code duplicate} when it comes again; a bad
 * merkle root {@code bad-txnmrklroot}; a block 3 h ahead {@code time-too-new}).
 * <pre>
 *  miner (mines the blocks; never connected)
 *  local ◄── P2P relay ◄── dashcast daemon (critical, own node) ◄── pool (JSON-RPC gateway)
 *        ◄── RPC relay ◄──┘ (cookie)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DaemonRealNodeTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_USER = "pool";
    private static final String POOL_PASSWORD = "pool-password";
    /** Long enough that the other path has surely answered first, even on a loaded machine. */
    private static final long HOLD_BACK_MS = 1_500;

    private RegtestNode miner;
    private RegtestNode local;
    private DelayingRelay p2pRelay;
    private DelayingRelay rpcRelay;
    private Daemon daemon;
    private long heightAtStart;
    private String bestAtStart;
    private boolean failedLoginAtStart;
    private final Map<String, SubmissionReport> reports = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startNodeAndDaemon() throws Exception
    {
        miner = RealNodes.startMiner();
        local = RegtestNode.startWithCookie();
        RealNodes.syncTo(miner, local);
        heightAtStart = local.blockCount();
        bestAtStart = local.bestBlockHash();
        p2pRelay = DelayingRelay.start(local.p2pPort(), "p2p");
        rpcRelay = DelayingRelay.start(local.rpcPort(), "rpc");
        final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        daemon = Daemon.start(new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "regtest",
                List.of(new PeerEntry("127.0.0.1", p2pRelay.port(), Priority.CRITICAL, "local-dashd", true)),
                new Settings(8, 1, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(300))))
            // As `dashcast run --dashd-rpc 127.0.0.1:PORT --dashd-rpc-cookie DATADIR/regtest/.cookie`: no user, no password.
            .dashd(new DashdRpcClient.Context().port(rpcRelay.port()).cookieFile(local.cookieFile()))
            .rpcPort(0).rpcUser(POOL_USER).rpcPassword(POOL_PASSWORD)
            .sharedMemory(false)
            .loops(1)
            .reportListener(report -> reports.put(report.blockHash(), report))
            .out(out)
            .err(out));
        assertTrue(RealNodes.until(() -> daemon.broadcaster().readyPeerCount() == 1, Duration.ofSeconds(15)),
            () -> "local node not READY: " + log);
        failedLoginAtStart = local.logContains("incorrect password");
    }

    @AfterAll
    void stopAll() throws Exception
    {
        for (final AutoCloseable closeable : new AutoCloseable[] {daemon, p2pRelay, rpcRelay, local, miner})
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

    /** Each test starts with the local node on the miner's chain, READY, and nothing held back. */
    @BeforeEach
    void sameChain() throws InterruptedException
    {
        assertTrue(RealNodes.until(() -> daemon.broadcaster().readyPeerCount() == 1, Duration.ofSeconds(15)),
            () -> "local node not READY: " + log);
        p2pRelay.delayMs(0);
        rpcRelay.delayMs(0);
        for (int i = 0; i < 3 && !miner.bestBlockHash().equals(local.bestBlockHash()); i++)
        {
            // The local node may be on a branch of its own (the branch test): miner blocks until the
            // miner's chain is the longer one.
            miner.generateTo(1, OpTrueCoins.ADDRESS);
            miner.copyBlocksTo(local, Math.max(1, Math.min(local.blockCount(), miner.blockCount()) - 10));
        }
        assertEquals(miner.bestBlockHash(), local.bestBlockHash(), "local node back on the miner's chain");
    }

    @AfterEach
    void nothingHeldBack()
    {
        p2pRelay.delayMs(0);
        rpcRelay.delayMs(0);
    }

    @Test
    void shouldStartWithTheNodesCookieAndHeightAndTakeItAsItsOwnNode() throws Exception
    {
        // (a) cookie: the node was started without rpcuser, and the daemon has no user or password.
        assertTrue(Files.exists(local.cookieFile()), "dashd wrote its cookie");
        assertTrue(Files.readString(local.cookieFile()).startsWith("__cookie__:"));
        assertFalse(failedLoginAtStart, "no failed RPC login at the node while the daemon started");
        // (b) start height: the daemon asked the node (through its cookie) and our version message carries it.
        final List<JsonNode> ours = RealNodes.ourPeers(local);
        assertEquals(1, ours.size(), () -> "getpeerinfo: " + local.peerInfo());
        assertEquals(heightAtStart, ours.get(0).path("startingheight").asLong(), () -> "our version's start height: " + ours);
        // ...and the daemon keeps and logs what the node said at start.
        assertEquals(heightAtStart, daemon.startHeight());
        assertEquals(bestAtStart, daemon.startBestBlockHash());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(
            "local dashd at height " + heightAtStart + ", best " + bestAtStart), () -> "daemon log:\n" + log);
        // (c) the local node is our own: the critical loopback peer, marked as the node that built the template.
        assertEquals(1, daemon.endpoints().size());
        final PeerEndpoint endpoint = daemon.endpoints().get(0);
        assertEquals("local-dashd", endpoint.name());
        assertEquals(PeerPriority.CRITICAL, endpoint.priority());
        assertTrue(endpoint.ownNode(), () -> "not marked as our own node: " + endpoint);
        // ...and every block's report names it as the local P2P path.
        final String hash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        final SubmissionReport report = daemon.submitter().submit(RealNodes.block(miner, hash), "api").get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("local-dashd", report.localPeerName());
        assertNotNull(report.localPeer(), () -> "local peer missing in " + report.toJsonTree());
        assertEquals(PeerOutcome.ACKED, report.localPeer().outcome(), () -> report.toJsonTree().toString());
        assertTrue(report.rpcSucceeded(), () -> "RPC path with the cookie: " + report.rpc());
        RealNodes.assertTip(local, hash);
    }

    /**
     * dashd writes a new cookie every time it starts: after a restart the daemon's RPC path reads it
     * again (once, on the 401) and the node takes the next block by RPC, while P2P reconnects.
     * <p>
     * The stop must be clean and prompt with the daemon connected: dashd waits for every open RPC
     * connection before it exits, up to its {@code -rpcservertimeout} (30 s), and the JDK's HTTP
     * client kept its idle connections for 1200 s. Measured here before the launcher's
     * {@code -Djdk.httpclient.keepalive.timeout=2}: 30.1 s to stop (and killed after 15 s, the node
     * came back at height 0: its chain state never flushed); with it, 1.9 s.
     */
    @Test
    void shouldLetTheNodeStopPromptlyAndReadItsNewCookieAfterARestart() throws Exception
    {
        final String before = Files.readString(local.cookieFile());
        final long heightBefore = local.blockCount();
        assertEquals(heightBefore, pool("getblockcount", "[]").path("result").asLong(), "the pool has been talking");
        final long t0 = System.nanoTime();
        final boolean clean = local.stopProcess(Duration.ofSeconds(20));
        final long stopMs = (System.nanoTime() - t0) / 1_000_000;
        local.restart();
        System.out.printf("[realnode] restart with the daemon connected: stop %d ms (clean %s), height %d -> %d%n",
            stopMs, clean, heightBefore, local.blockCount());
        assertTrue(clean, () -> "dashd did not stop within 20 s with the daemon connected (" + stopMs + " ms)");
        assertEquals(heightBefore, local.blockCount(), "chain kept across the restart");
        final String after = Files.readString(local.cookieFile());
        assertFalse(before.equals(after), "dashd wrote a new cookie");
        assertTrue(RealNodes.until(() -> daemon.broadcaster().readyPeerCount() == 1, Duration.ofSeconds(15)),
            () -> "local node not READY again: " + log);
        final String hash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        p2pRelay.delayMs(HOLD_BACK_MS);
        final JsonNode answer = pool("submitblock", "[\"" + miner.blockHex(hash) + "\"]");
        assertTrue(answer.path("result").isNull() && answer.path("error").isNull(), answer::toString);
        p2pRelay.delayMs(0);
        final SubmissionReport report = reportOf(hash);
        assertEquals(SubmitBlockResult.Status.ACCEPTED, report.rpc().status(), () -> "RPC path: " + report.rpc());
        RealNodes.assertTip(local, hash);
    }

    @Test
    void shouldAnswerTheNodesAcceptanceWhenTheRpcFallbackReachesItFirst() throws Exception
    {
        final String hash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        p2pRelay.delayMs(HOLD_BACK_MS);
        final JsonNode answer = pool("submitblock", "[\"" + miner.blockHex(hash) + "\"]");
        assertTrue(answer.path("result").isNull() && answer.path("error").isNull(), answer::toString);
        // dashd's answer came before the P2P block got through: the node took it by RPC.
        assertEquals(hash, local.bestBlockHash(), "the tip when the pool was answered");
        p2pRelay.delayMs(0);
        final SubmissionReport report = reportOf(hash);
        assertEquals(SubmitBlockResult.Status.ACCEPTED, report.rpc().status(), () -> "RPC path: " + report.rpc());
        assertEquals(PeerOutcome.ACKED, report.localPeer().outcome(), () -> "P2P path: " + report.toJsonTree());
        assertEquals(true, report.toJsonTree().get("success"));
    }

    @Test
    void shouldPassThePoolsSequenceAndAnswerNullNotDuplicateWhenOurP2pPushReachedTheNodeFirst() throws Exception
    {
        final String hash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        final String parent = local.bestBlockHash();
        rpcRelay.delayMs(HOLD_BACK_MS);
        // getblocktemplate passes through to the node (what it answers directly, volatile fields aside).
        final JsonNode template = pool("getblocktemplate", "[{\"rules\":[\"segwit\"]}]");
        final JsonNode direct = local.rpc("getblocktemplate", JSON.readTree("{\"rules\":[\"segwit\"]}"));
        assertTrue(template.path("error").isNull(), template::toString);
        for (final String field : List.of("previousblockhash", "height", "bits", "target", "version", "coinbasevalue"))
        {
            assertEquals(direct.get(field), template.path("result").get(field), field);
        }
        assertEquals(parent, template.path("result").path("previousblockhash").asText());
        // submitblock: our P2P push gets there first, the node's RPC then says "duplicate": the pool is told null.
        final JsonNode answer = pool("submitblock", "[\"" + miner.blockHex(hash) + "\"]");
        assertTrue(answer.path("result").isNull() && answer.path("error").isNull(), () -> "pool was told " + answer);
        final SubmissionReport report = reportOf(hash);
        assertEquals(SubmitBlockResult.Status.DUPLICATE, report.rpc().status(), () -> "RPC path: " + report.rpc());
        assertEquals(PeerOutcome.ACKED, report.localPeer().outcome(), () -> "P2P path: " + report.toJsonTree());
        rpcRelay.delayMs(0);
        // What the node itself says to that block now (the answer the pool would have got without the gateway's care).
        assertEquals("duplicate", local.submitBlock(miner.blockHex(hash)));
        // The pool's next call finds the block on the best chain.
        final JsonNode block = pool("getblock", "[\"" + hash + "\"]");
        assertEquals(1, block.path("result").path("confirmations").asInt(), block::toString);
        // And the same block again from the pool: dashd's own answer to a resubmission.
        assertEquals("duplicate", pool("submitblock", "[\"" + miner.blockHex(hash) + "\"]").path("result").asText());
    }

    /**
     * dashd itself says {@code duplicate} here; the gateway cannot tell this from our own push having
     * got there first (dashd says the same), so it says what dashd says to a new block on its best
     * chain: {@code null}. The block is the tip, so a pool that counts it as found is right.
     */
    @Test
    void shouldAnswerNullForABlockTheNodeHadBeforeUsAsItIsOnTheBestChain() throws Exception
    {
        final String hash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        assertNull(local.submitBlock(miner.blockHex(hash)), "the node gets it from elsewhere first");
        assertTrue(RealNodes.until(() -> hash.equals(local.bestBlockHash()), Duration.ofSeconds(5)));
        final JsonNode answer = pool("submitblock", "[\"" + miner.blockHex(hash) + "\"]");
        final SubmissionReport report = reportOf(hash);
        System.out.println("[realnode] block the node had before us: pool told " + answer + "; " + report.toJsonTree());
        assertEquals(SubmitBlockResult.Status.DUPLICATE, report.rpc().status(), () -> "RPC path: " + report.rpc());
        assertTrue(answer.path("result").isNull() && answer.path("error").isNull(), () -> "pool was told " + answer);
        assertEquals("duplicate", local.submitBlock(miner.blockHex(hash)), "what the node says itself");
    }

    @Test
    void shouldAnswerInconclusiveForABlockOnABranchWhicheverPathCameFirst() throws Exception
    {
        // The node mines its own block on the shared tip; the miner's blocks at that height lose the race.
        local.generate(1);
        final String ownTip = local.bestBlockHash();
        final String minerHash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        final byte[] minerBlock = RealNodes.block(miner, minerHash);
        final byte[] twin = RegtestBlocks.regrind(minerBlock,
            header -> RegtestBlocks.setTime(header, RegtestBlocks.time(header) + 1));
        final String twinHash = RegtestBlocks.hashHex(twin);

        // RPC first: dashd's own "inconclusive" passes through.
        p2pRelay.delayMs(HOLD_BACK_MS);
        final JsonNode rpcFirst = pool("submitblock", "[\"" + HexFormat.of().formatHex(minerBlock) + "\"]");
        p2pRelay.delayMs(0);
        final SubmissionReport first = reportOf(minerHash);
        assertEquals(SubmitBlockResult.Status.INCONCLUSIVE, first.rpc().status(), () -> "RPC path: " + first.rpc());
        assertEquals("inconclusive", rpcFirst.path("result").asText(), rpcFirst::toString);

        // P2P first: the node stores the block as a branch from our push, its RPC then says "duplicate";
        // the pool must hear what the node says to a block on a branch, not null (accepted).
        rpcRelay.delayMs(HOLD_BACK_MS);
        final JsonNode p2pFirst = pool("submitblock", "[\"" + HexFormat.of().formatHex(twin) + "\"]");
        rpcRelay.delayMs(0);
        final SubmissionReport second = reportOf(twinHash);
        System.out.println("[realnode] branch block, P2P first: pool told " + p2pFirst + "; RPC path " + second.rpc());
        assertEquals(PeerOutcome.ACKED, second.localPeer().outcome(), () -> "P2P path: " + second.toJsonTree());
        assertEquals("inconclusive", p2pFirst.path("result").asText(), () -> "pool was told " + p2pFirst);
        assertEquals(ownTip, local.bestBlockHash(), "first seen stays the tip");
        RealNodes.assertNoPenalty(local, new NodeLog(local.debugLog()));
    }

    @Test
    void shouldAnswerTheNodesRejectReasonForBadBlocksOnEveryPath() throws Exception
    {
        final NodeLog nodeLog = new NodeLog(local.debugLog());
        final String next = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        final byte[] good = RealNodes.block(miner, next);

        // A bad merkle root: the gate keeps it from every peer; the node's RPC gives the reason.
        final byte[] badMerkle = RegtestBlocks.regrind(good, header -> header[BlockView.MERKLE_ROOT_OFFSET] ^= 0x01);
        final JsonNode merkleAnswer = pool("submitblock", "[\"" + HexFormat.of().formatHex(badMerkle) + "\"]");
        final SubmissionReport merkle = reportOf(RegtestBlocks.hashHex(badMerkle));
        assertEquals("bad-txnmrklroot", merkleAnswer.path("result").asText(), merkleAnswer::toString);
        assertEquals("bad-txnmrklroot", merkle.rpc().reason(), () -> "RPC path: " + merkle.rpc());
        assertEquals(SubmitBlockResult.Status.REJECTED, merkle.rpc().status());
        assertNull(merkle.receipt(), "no peer got a byte of it");
        assertNotNull(merkle.p2pRefusal(), "P2P path says why");
        assertEquals(false, merkle.toJsonTree().get("success"));

        // A block 3 h ahead: it passes the gate (which has no clock), goes out on both paths, and the
        // node refuses it on both without a penalty.
        final byte[] future = RegtestBlocks.regrind(good,
            header -> RegtestBlocks.setTime(header, Instant.now().getEpochSecond() + 3 * 3600));
        final JsonNode futureAnswer = pool("submitblock", "[\"" + HexFormat.of().formatHex(future) + "\"]");
        final SubmissionReport tooNew = reportOf(RegtestBlocks.hashHex(future));
        assertEquals("time-too-new", futureAnswer.path("result").asText(), futureAnswer::toString);
        assertEquals(SubmitBlockResult.Status.REJECTED, tooNew.rpc().status(), () -> "RPC path: " + tooNew.rpc());
        assertEquals("time-too-new", tooNew.rpc().reason());
        assertNotNull(tooNew.receipt(), "P2P path pushed it");
        assertEquals(false, tooNew.toJsonTree().get("success"));

        // Neither cost us the connection; the good block still goes through.
        RealNodes.assertNoPenalty(local, nodeLog);
        assertTrue(pool("submitblock", "[\"" + HexFormat.of().formatHex(good) + "\"]").path("result").isNull());
        RealNodes.assertTip(local, next);
    }

    /**
     * A block whose {@code bits} is within the network's limit and met by its hash, but not what
     * the chain asks for at that height, passes the gate (which knows no chain) and goes to every
     * peer: Dash Core scores it 100 ({@code bad-diffbits}, an invalid header). Measured here on
     * 2026-12-06 with bits {@code 207ffffe} on regtest (which never retargets: only {@code 207fffff}
     * is right): pool told {@code bad-diffbits} (dashd's RPC), P2P handed off and then
     * {@code peer_closed}, debug.log {@code Misbehaving: peer=0 (0 -> 100) DISCOURAGE THRESHOLD
     * EXCEEDED}. Loopback is never discouraged, but every non-local peer would discourage our
     * address at once. The gate needs the expected bits for the parent (regtest: the limit; main
     * and test: Dark Gravity Wave over the last 24 headers, or the local dashd's template).
     */
    @Test
    void shouldKeepABlockWithWrongBitsFromEveryPeer() throws Exception
    {
        final NodeLog nodeLog = new NodeLog(local.debugLog());
        final String next = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        final byte[] good = RealNodes.block(miner, next);
        final byte[] wrongBits = RegtestBlocks.regrind(good, header -> header[BlockView.BITS_OFFSET] = (byte)0xfe);
        final JsonNode answer = pool("submitblock", "[\"" + HexFormat.of().formatHex(wrongBits) + "\"]");
        final SubmissionReport report = reportOf(RegtestBlocks.hashHex(wrongBits));
        assertEquals("bad-diffbits", answer.path("result").asText(), answer::toString);
        assertNull(report.receipt(), () -> "a peer got it: " + report.toJsonTree());
        RealNodes.assertNoPenalty(local, nodeLog);
    }

    /**
     * A 99 kB block (198 kB of hex: after the request head the gateway reads the rest through its
     * own buffer, in pieces as the socket gives them) built on the node's tip: the node takes it as
     * its new tip byte for byte, the pool is told {@code null}, nothing costs us the connection.
     * Not larger: v22.1.1 refuses a coinbase over 100 kB ({@code bad-txns-oversize}, measured with
     * 99,000 and 101,000 bytes), and a coinbase-only block is what a test can build on a real chain.
     */
    @Test
    void shouldPassABlockReadInPiecesAfterItsRequestHeadToTheNodeWhole() throws Exception
    {
        final NodeLog nodeLog = new NodeLog(local.debugLog());
        final String tip = local.bestBlockHash();
        final int height = (int)local.blockCount();
        final byte[] big = TestBlocks.on(RealNodes.block(local, tip), height).padToSize(99_000).build();
        final String bigHash = RegtestBlocks.hashHex(big);
        final JsonNode answer = pool("submitblock", "[\"" + HexFormat.of().formatHex(big) + "\"]");
        assertTrue(answer.path("result").isNull(), answer::toString);
        RealNodes.assertTip(local, bigHash);
        assertEquals(HexFormat.of().formatHex(big), local.blockHex(bigHash), "the node has it byte for byte");
        RealNodes.assertNoPenalty(local, nodeLog);
    }

    /** One JSON-RPC call through the gateway as a pool sends it (Basic auth); the parsed answer. */
    private JsonNode pool(final String method, final String params) throws Exception
    {
        final String body = "{\"jsonrpc\":\"1.0\",\"id\":\"pool\",\"method\":\"" + method + "\",\"params\":" + params + "}";
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.rpcPort() + "/"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((POOL_USER + ":" + POOL_PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The daemon's report of a block, once every path has answered. */
    private SubmissionReport reportOf(final String hash) throws InterruptedException
    {
        assertTrue(RealNodes.until(() -> reports.containsKey(hash), Duration.ofSeconds(30)),
            () -> "no report for " + hash + "; daemon log:\n" + log);
        return reports.get(hash);
    }
}
