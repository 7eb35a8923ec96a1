package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.Submission;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.protocol.Hashes;
import io.dashcast.protocol.Network;
import io.dashcast.sim.TestBlocks;
import io.dashcast.sim.dashd.FakeDashd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's endpoint under slow, idle and wrong clients, with a fake dashd behind it.
 */
@Timeout(60)
class RpcGatewayTest
{
    private static final String USER = "pool";
    private static final String PASSWORD = "pool-password";

    private FakeDashd dashd;
    private Broadcaster broadcaster;
    private RpcGateway gateway;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Socket> idle = new ArrayList<>();
    /** Per block the sink took: bytes of the gateway's decode array past the block's end. */
    private final List<Integer> spareBytes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception
    {
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
        final DashdRpcClient.Context dashdRpc = new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password");
        broadcaster = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST).loopCount(1).dashdRpc(dashdRpc)
            .threadNamePrefix("gateway-test-"));
        gateway = RpcGateway.start(new RpcGateway.Context().port(0).rpcUser(USER).rpcPassword(PASSWORD)
            .requestReadTimeoutMs(1_000)
            .blockSink(new BlockSink()
            {
                @Override
                public Submission submit(final byte[] block)
                {
                    return broadcaster.submitAll(block);
                }

                @Override
                public Submission submit(final byte[] block, final int length)
                {
                    spareBytes.add(block.length - length);
                    return broadcaster.submitAll(block, length);
                }
            })
            .dashd(new DashdRpcClient(dashdRpc))
            .log(log::add)
            .errorHandler(ex -> log.add("error: " + ex.getMessage())));
    }

    @AfterEach
    void tearDown() throws Exception
    {
        for (final Socket socket : idle)
        {
            socket.close();
        }
        gateway.close();
        broadcaster.close();
        dashd.close();
    }

    @Test
    void shouldAnswerSubmitblockWithinASecondWhileFiftyConnectionsSitHalfOpen() throws Exception
    {
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 2);
        try (PoolClient warmUp = new PoolClient(gateway.port(), USER, PASSWORD, false))
        {
            // A fresh JVM's first call (class loading, JIT) is not what this test measures.
            assertEquals(200, warmUp.post(submit(chain.get(0), "0")).status());
        }
        for (int i = 0; i < 50; i++)
        {
            final Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
            socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            idle.add(socket);
        }
        final byte[] block = chain.get(1);
        final long start = System.nanoTime();
        try (PoolClient client = new PoolClient(gateway.port(), USER, PASSWORD, false))
        {
            final RawHttp.Response answer = client.post(submit(block, "1"));
            final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("{\"result\":null,\"error\":null,\"id\":\"1\"}\n", answer.bodyText());
            assertTrue(ms < 1_000, "submitblock answered in " + ms + " ms");
        }
    }

    @Test
    void shouldCloseAConnectionThatNeverFinishesItsRequest() throws Exception
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port()))
        {
            socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5_000);
            final long start = System.nanoTime();
            final InputStream in = socket.getInputStream();
            int read;
            try
            {
                read = in.read();
                while (read >= 0)
                {
                    read = in.read();
                }
            }
            catch (final SocketTimeoutException ex)
            {
                throw new AssertionError("the half-sent request was not cut off", ex);
            }
            catch (final java.io.IOException reset)
            {
                read = -1;
            }
            final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 500 && ms < 3_000, "closed after " + ms + " ms");
        }
    }

    @Test
    void shouldServeTheSameParserAndHandlerInMemory()
    {
        final String auth = "Authorization: Basic " + java.util.Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.US_ASCII)) + "\r\n";
        final String body = "{\"method\":\"getblockcount\",\"params\":[],\"id\":7}";
        final String call = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "Content-Length: " + body.length() +
            "\r\n\r\n" + body;
        final String answer = new String(gateway.exchangeInMemory(call.getBytes(StandardCharsets.US_ASCII), 5_000),
            StandardCharsets.ISO_8859_1);
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.endsWith("{\"result\":0,\"error\":null,\"id\":7}\n"), answer);

        final String refused = new String(gateway.exchangeInMemory("GET\u0000/ HTTP/1.1\r\n\r\n".getBytes(
            StandardCharsets.ISO_8859_1), 5_000), StandardCharsets.ISO_8859_1);
        assertTrue(refused.startsWith("HTTP/1.1 400 "), refused);
        final String cut = new String(gateway.exchangeInMemory("POST / HTTP/1.1\r\nHost: 1".getBytes(
            StandardCharsets.US_ASCII), 5_000), StandardCharsets.ISO_8859_1);
        assertTrue(cut.isEmpty() || cut.startsWith("HTTP/1.1 400 "), "a request cut short by end of input: " + cut);
    }

    @Test
    void shouldLogAndSlowAFailedLogin() throws Exception
    {
        final long start = System.nanoTime();
        try (PoolClient client = new PoolClient(gateway.port(), USER, "wrong", false))
        {
            final RawHttp.Response answer = client.post("{\"method\":\"getblockcount\",\"params\":[],\"id\":1}");
            assertEquals(401, answer.status());
            assertEquals("Basic realm=\"jsonrpc\"", answer.header("WWW-Authenticate"));
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 240);
        assertEquals(1, gateway.failedLogins());
        assertTrue(log.stream().anyMatch(line -> line.contains("failed login from 127.0.0.1")), log::toString);
    }

    @Test
    void shouldRefuseBlocksThatFailTheGateWithDashdsOwnVerdict() throws Exception
    {
        final byte[] good = TestBlocks.chain(Network.REGTEST, 1).get(0);
        final byte[] badPow = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).invalidProofOfWork().build();
        final byte[] badMerkle = TestBlocks.withBadMerkleRoot(good);
        final byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        try (PoolClient client = new PoolClient(gateway.port(), USER, PASSWORD, false))
        {
            assertEquals("{\"result\":\"bad-txnmrklroot\",\"error\":null,\"id\":\"m\"}\n", client.post(submit(badMerkle, "m")).bodyText());
            assertEquals("{\"result\":null,\"error\":{\"code\":-22,\"message\":\"Block decode failed\"},\"id\":\"t\"}\n",
                client.post(submit(truncated, "t")).bodyText());
            // The fake dashd does not check proof of work (the real one says high-hash, see the regtest test).
            assertEquals(200, client.post(submit(badPow, "p")).status());
        }
        assertEquals(3, broadcaster.stats().blocksRejected(), "none of them was broadcast");
    }

    /**
     * dashd says {@code duplicate} when our own P2P push got there first; the pool hears what dashd
     * says to a new block: null on its best chain, {@code inconclusive} on a branch (as v22.1.1 does,
     * see realnode's DaemonRealNodeTest). Here dashd has both blocks before the gateway sends them.
     */
    @Test
    void shouldAnswerDashdsDuplicateAsDashdAnswersANewBlockOnTheBestChainOrOnABranch() throws Exception
    {
        dashd.answerBlockHeaders(true);
        final byte[] genesis = TestBlocks.genesis(Network.REGTEST);
        final byte[] onTip = TestBlocks.on(genesis, 0).build();
        final byte[] branch = TestBlocks.on(genesis, 0).time(TestBlocks.time(onTip) + 1).build();
        final DashdRpcClient direct = new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port())
            .user("dashd").password("dashd-password"));
        assertEquals(SubmitBlockResult.Status.ACCEPTED, direct.submitblock(onTip, 0, onTip.length).status());
        assertEquals(SubmitBlockResult.Status.ACCEPTED, direct.submitblock(branch, 0, branch.length).status());
        try (PoolClient client = new PoolClient(gateway.port(), USER, PASSWORD, false))
        {
            assertEquals("{\"result\":null,\"error\":null,\"id\":\"tip\"}\n", client.post(submit(onTip, "tip")).bodyText());
            assertEquals("{\"result\":\"inconclusive\",\"error\":null,\"id\":\"b\"}\n",
                client.post(submit(branch, "b")).bodyText());
        }
    }

    /**
     * A block on the parent of a template the pool fetched through us, with other bits than the
     * template said, is refused before any peer sees it (bad-diffbits costs 100 points) and said in
     * the log; a block on a parent no template named goes on to the gate as before.
     */
    @Test
    void shouldRefuseABlockWhoseBitsDifferFromItsParentsTemplate() throws Exception
    {
        final byte[] block = TestBlocks.chain(Network.REGTEST, 1).get(0);
        final byte[] wrongBits = block.clone();
        wrongBits[72] = (byte)0xfe; // 207ffffe: within the limit, not what the template said
        dashd.template("{\"previousblockhash\":\"" + Network.REGTEST.genesisHashHex() + "\",\"transactions\":[{\"data\":\"00\"}]," +
            "\"bits\":\"207fffff\",\"height\":1}");
        try (PoolClient client = new PoolClient(gateway.port(), USER, PASSWORD, false))
        {
            final String template = client.post("{\"method\":\"getblocktemplate\",\"params\":[{}],\"id\":\"g\"}").bodyText();
            assertTrue(template.contains("\"bits\":\"207fffff\""), template);
            assertEquals("{\"result\":\"bad-diffbits\",\"error\":null,\"id\":\"w\"}\n",
                client.post(submit(wrongBits, "w")).bodyText());
            assertTrue(log.stream().anyMatch(l -> l.contains("bits 207ffffe but the template for its parent said 207fffff")),
                log::toString);
            assertEquals(0, broadcaster.stats().blocksSubmitted(), "sent nowhere");
            assertEquals("{\"result\":null,\"error\":null,\"id\":\"ok\"}\n", client.post(submit(block, "ok")).bodyText());
        }
    }

    @Test
    void shouldAssembleABodyThatArrivesInManySmallPiecesAndCutOffOneThatStops() throws Exception
    {
        final byte[] block = TestBlocks.chain(Network.REGTEST, 1).get(0);
        final byte[] body = submit(block, "7").getBytes(StandardCharsets.US_ASCII);
        final String head = head(body.length);
        try (Socket socket = post(head))
        {
            // 24-byte pieces, each its own segment: the body comes to the handler in many chunks.
            for (int i = 0; i < body.length; i += 24)
            {
                socket.getOutputStream().write(body, i, Math.min(24, body.length - i));
                socket.getOutputStream().flush();
                Thread.sleep(1);
            }
            final RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("{\"result\":null,\"error\":null,\"id\":\"7\"}\n", answer.bodyText());
            assertTrue(dashd.awaitSubmissions(1, 10_000));
            assertArrayEquals(block, dashd.submissions().get(0).block());

            // The same connection: half the body, then nothing. Cut off at the read deadline with a 408.
            final long start = System.nanoTime();
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body, 0, body.length / 2);
            socket.getOutputStream().flush();
            final RawHttp.Response late = RawHttp.read(socket.getInputStream());
            final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(408, late.status(), late::toString);
            assertTrue(ms >= 900 && ms < 4_000, "answered after " + ms + " ms");
            assertEquals(-1, socket.getInputStream().read(), "closed after the 408");
        }
    }

    @Test
    void shouldTakeABlockWhoseHexSpansManyReadChunksByteForByte() throws Exception
    {
        // Six read chunks of hex and more: the body is read piece by piece through the loop's one buffer.
        final byte[] block = Broadcaster.warmUpBlock(3 * GatewayLoop.READ_CHUNK_BYTES + 12_345);
        // dashd's tip is the block's parent, so its verdict is a new block's (null).
        dashd.tip(Hashes.toDisplayHex(Arrays.copyOfRange(block, 4, 36), 0), 0);
        final byte[] body = submit(block, "big").getBytes(StandardCharsets.US_ASCII);
        assertTrue(body.length > 6 * GatewayLoop.READ_CHUNK_BYTES);
        try (Socket socket = post(head(body.length)))
        {
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            final RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("{\"result\":null,\"error\":null,\"id\":\"big\"}\n", answer.bodyText());
            assertTrue(dashd.awaitSubmissions(1, 10_000));
            assertArrayEquals(block, dashd.submissions().get(0).block());
            // Decoded as it arrived into an array sized from the body and handed over untrimmed:
            // dashd got the block's bytes and not one more.
            assertEquals(1, spareBytes.size());
            assertTrue(spareBytes.get(0) > 0, "the array is longer than the block: " + spareBytes);
        }
    }

    @Test
    void shouldReadLargeBodiesIntoOneKeptArrayAndTakeOnlyEachBodysOwnBytes() throws Exception
    {
        // Largest first: each later body lies in the array over the longer one before it, whose bytes
        // follow it there; the scan, the decode and the sink must stop at the body's own length.
        final int[] sizes = {200_000, 90_000, 40_000};
        final long lendsBefore = gateway.keptBodyLends();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port()))
        {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            for (int i = 0; i < sizes.length; i++)
            {
                final byte[] block = Broadcaster.warmUpBlock(sizes[i]);
                dashd.tip(Hashes.toDisplayHex(Arrays.copyOfRange(block, 4, 36), 0), 0);
                final byte[] body = submit(block, "b" + i).getBytes(StandardCharsets.US_ASCII);
                assertTrue(body.length >= GatewayLoop.LENT_BODY_BYTES);
                socket.getOutputStream().write(head(body.length).getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                final RawHttp.Response answer = RawHttp.read(socket.getInputStream());
                assertEquals(200, answer.status(), answer::toString);
                assertEquals("{\"result\":null,\"error\":null,\"id\":\"b" + i + "\"}\n", answer.bodyText());
                assertTrue(dashd.awaitSubmissions(i + 1, 10_000));
                assertArrayEquals(block, dashd.submissions().get(i).block(), "block " + i);
                // Taken by the gateway itself (a body it could not read would have gone to dashd whole).
                assertEquals(i + 1, spareBytes.size(), "block " + i + " went through the sink");
            }
        }
        assertEquals(sizes.length, gateway.keptBodyLends() - lendsBefore, "every body read into the one kept array");
    }

    private static String head(final int bodyLength)
    {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + RawHttp.basic(USER + ":" + PASSWORD) +
            "\r\nContent-Length: " + bodyLength + "\r\n\r\n";
    }

    /** A connection to the gateway that has sent {@code head}, its body still to come. */
    private Socket post(final String head) throws IOException
    {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String submit(final byte[] block, final String id)
    {
        return "{\"method\":\"submitblock\",\"params\":[\"" + HexFormat.of().formatHex(block) + "\"],\"id\":\"" + id + "\"}";
    }
}
