package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.sim.dashd.FakeDashd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's own HTTP/1.1 server, over loopback sockets, as the clients pools use drive it:
 * curl's {@code Expect: 100-continue}, pipelined, chunked and HTTP/1.0 requests, what it refuses
 * (unknown codings, bad chunks, smuggling shapes, oversized heads and bodies) and that a refused client
 * still reads its answer, the connection cap, the idle bound, and a graceful close that answers the
 * call in flight.
 */
@Timeout(60)
class GatewayHttpTest
{
    private static final String USER = "pool";
    private static final String PASSWORD = "pool-password";
    private static final String AUTH = "Authorization: " + RawHttp.basic(USER + ":" + PASSWORD) + "\r\n";
    private static final String CALL = "{\"method\":\"getblockcount\",\"params\":[],\"id\":7}";
    private static final String ANSWER = "{\"result\":0,\"error\":null,\"id\":7}\n";

    private FakeDashd dashd;
    private RpcGateway gateway;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception
    {
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
    }

    private void start(final RpcGateway.Context ctx)
    {
        gateway = RpcGateway.start(ctx.port(0).rpcUser(USER).rpcPassword(PASSWORD)
            .blockSink(block -> { throw new AssertionError("no block in these tests"); })
            .dashd(new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password"))));
    }

    @AfterEach
    void tearDown() throws Exception
    {
        for (final Socket socket : sockets)
        {
            socket.close();
        }
        if (gateway != null)
        {
            gateway.close();
        }
        dashd.close();
    }

    private Socket connect() throws IOException
    {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        return socket;
    }

    private static byte[] post(final String version, final String extraHeaders, final String body)
    {
        return ("POST / " + version + "\r\nHost: 127.0.0.1\r\n" + AUTH + extraHeaders + "Content-Length: " +
            body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldSendContinueBeforeTheBodyOfAnAuthenticatedRequestThatExpectsIt() throws Exception
    {
        start(new RpcGateway.Context());
        final Socket socket = connect();
        final OutputStream out = socket.getOutputStream();
        out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Expect: 100-continue\r\nContent-Length: " + CALL.length() +
            "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // curl waits a second for this before it sends the body anyway: the answer must not wait for that.
        final byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.US_ASCII));
        out.write(CALL.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final RawHttp.Response answer = RawHttp.read(socket.getInputStream());
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(ANSWER, answer.bodyText());

        // Refused on the head: the refusal, never a 100.
        final Socket wrong = connect();
        wrong.getOutputStream().write(("POST / HTTP/1.1\r\nAuthorization: " + RawHttp.basic(USER + ":nope") +
            "\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(401, RawHttp.read(wrong.getInputStream()).status());
    }

    /**
     * yiimp calls dashd through libcurl, which sends {@code Expect: 100-continue} before a body and
     * waits up to a second for the 100 before sending it anyway: a server that never sends it costs
     * every such call that second. Run with the real curl (required in CI).
     */
    @Test
    void shouldAnswerCurlsExpectingCallWithoutItsOneSecondWait() throws Exception
    {
        final boolean onPath = Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "curl")));
        if (!onPath)
        {
            assertFalse("required".equals(System.getenv("DASHCAST_CURL_TEST")), "curl is required here but not on PATH");
            Assumptions.abort("curl is not on PATH");
        }
        start(new RpcGateway.Context());
        final Path body = Files.createTempFile("gateway-curl", ".json");
        try
        {
            Files.writeString(body, "{\"method\":\"getblockcount\",\"params\":[],\"id\":7,\"pad\":\"" +
                "x".repeat(4000) + "\"}");
            final Process curl = new ProcessBuilder("curl", "-sS", "-v", "--max-time", "5", "-u", USER + ":" + PASSWORD,
                "-H", "Content-Type: application/json", "-H", "Expect: 100-continue", "--data-binary", "@" + body,
                "-w", "\ntime %{time_total}", "http://127.0.0.1:" + gateway.port() + "/").start();
            final String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final String err = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(curl.waitFor(10, TimeUnit.SECONDS) && curl.exitValue() == 0, err);
            assertTrue(err.contains("> Expect: 100-continue") && err.contains("< HTTP/1.1 100 Continue"), err);
            assertTrue(out.startsWith(ANSWER), out);
            final double seconds = Double.parseDouble(out.substring(out.lastIndexOf("time ") + 5).trim());
            assertTrue(seconds < 0.9, "curl took " + seconds + " s: it waited for a 100 Continue that did not come");
        }
        finally
        {
            Files.deleteIfExists(body);
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderOnOneConnectionAndHttp10ThenClose() throws Exception
    {
        start(new RpcGateway.Context());
        final Socket socket = connect();
        final String second = "{\"method\":\"getbestblockhash\",\"params\":[],\"id\":8}";
        final byte[] first = post("HTTP/1.1", "", CALL);
        final byte[] next = post("HTTP/1.1", "", second);
        final byte[] both = new byte[first.length + next.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(next, 0, both, first.length, next.length);
        socket.getOutputStream().write(both);
        final RawHttp.Response a = RawHttp.read(socket.getInputStream());
        final RawHttp.Response b = RawHttp.read(socket.getInputStream());
        assertEquals(ANSWER, a.bodyText());
        assertTrue(b.bodyText().contains(Network.REGTEST.genesisHashHex()) && b.bodyText().endsWith("\"id\":8}\n"), b::toString);

        final Socket old = connect();
        old.getOutputStream().write(post("HTTP/1.0", "", CALL));
        final RawHttp.Response answer = RawHttp.read(old.getInputStream());
        assertEquals("HTTP/1.0 200 OK", answer.statusLine());
        assertEquals("close", answer.header("Connection"));
        assertEquals(ANSWER, answer.bodyText());
        assertEquals(-1, old.getInputStream().read(), "closed after an HTTP/1.0 answer");

        final Socket kept = connect();
        kept.getOutputStream().write(post("HTTP/1.0", "Connection: keep-alive\r\n", CALL));
        assertEquals("keep-alive", RawHttp.read(kept.getInputStream()).header("Connection"));
        kept.getOutputStream().write(post("HTTP/1.0", "Connection: keep-alive\r\n", CALL));
        assertEquals(ANSWER, RawHttp.read(kept.getInputStream()).bodyText());
    }

    @Test
    void shouldRefuseOnTheHeadAloneAndLetTheClientReadWhy() throws Exception
    {
        start(new RpcGateway.Context().maxBodyBytes(64 * 1024));
        // 0x10001 bytes announced in one chunk: over the 64 KiB bound before any of them is read.
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 501);
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "Transfer-Encoding: chunked\r\n\r\n2x\r\n{}\r\n0\r\n\r\n", 400);
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n", 400);
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "Transfer-Encoding: chunked\r\n\r\n10001\r\n", 413);
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            400);
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400);
        assertRefused("POST / HTTP/2.0\r\n" + AUTH + "Content-Length: 2\r\n\r\n{}", 505);
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "X-Long: " + "a".repeat(RequestHead.MAX_BYTES) + "\r\n\r\n", 431);
        assertRefused("GET / HTTP/1.1\r\n" + AUTH + "\r\n", 405);
        assertRefused("POST / HTTP/1.1\r\n" + AUTH + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}", 417);
        assertRefused("POST / HTTP/1.1\r\n Authorization: folded\r\nContent-Length: 2\r\n\r\n{}", 400);

        // Too large a body: refused before it is read, and the client, still sending, reads the 413.
        final Socket socket = connect();
        socket.getOutputStream().write(("POST / HTTP/1.1\r\n" + AUTH + "Content-Length: " + (1 << 20) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(new byte[256 * 1024]);
        final RawHttp.Response answer = RawHttp.read(socket.getInputStream());
        assertEquals(413, answer.status(), answer::toString);
        assertEquals("close", answer.header("Connection"));
    }

    private void assertRefused(final String request, final int status) throws IOException
    {
        final Socket socket = connect();
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        final RawHttp.Response answer = RawHttp.read(socket.getInputStream());
        assertEquals(status, answer.status(), () -> request + " -> " + answer);
        assertEquals("close", answer.header("Connection"), request);
        assertEquals(-1, socket.getInputStream().read(), "closed after refusing " + request);
        assertEquals(0, dashd.requests(), "nothing refused reached dashd");
    }

    /**
     * dashd's own server takes chunked bodies, so the gateway does too: any split, extensions,
     * bare-LF lines and a trailer; the next request on the connection right behind it.
     */
    @Test
    void shouldTakeAChunkedBodyInPiecesAndTheRequestBehindIt() throws Exception
    {
        start(new RpcGateway.Context());
        final Socket socket = connect();
        final String chunked = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Transfer-Encoding: chunked\r\n\r\n" +
            Integer.toHexString(20) + ";name=value\r\n" + CALL.substring(0, 20) + "\r\n" +
            Integer.toHexString(CALL.length() - 20) + "\n" + CALL.substring(20) + "\n" +
            "0\r\nX-Trailer: dropped\r\n\r\n";
        final byte[] both = (chunked + new String(post("HTTP/1.1", "", CALL), StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII);
        // One byte at a time for the first request: every state of the chunk reader meets a cut.
        for (int i = 0; i < chunked.length(); i++)
        {
            socket.getOutputStream().write(both[i]);
            socket.getOutputStream().flush();
        }
        socket.getOutputStream().write(both, chunked.length(), both.length - chunked.length());
        assertEquals(ANSWER, RawHttp.read(socket.getInputStream()).bodyText());
        assertEquals(ANSWER, RawHttp.read(socket.getInputStream()).bodyText());
        assertEquals(2, dashd.requests());
    }

    @Test
    void shouldKeepConnectionsWithinTheCapAndServeTheNextWhenOneCloses() throws Exception
    {
        start(new RpcGateway.Context().maxConnections(2));
        final Socket a = connect();
        final Socket b = connect();
        a.getOutputStream().write(post("HTTP/1.1", "", CALL));
        assertEquals(ANSWER, RawHttp.read(a.getInputStream()).bodyText());
        b.getOutputStream().write(post("HTTP/1.1", "", CALL));
        assertEquals(ANSWER, RawHttp.read(b.getInputStream()).bodyText());
        // A third waits in the kernel's backlog: connected, not served.
        final Socket c = connect();
        c.setSoTimeout(500);
        c.getOutputStream().write(post("HTTP/1.1", "", CALL));
        assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
        a.close();
        c.setSoTimeout(5_000);
        assertEquals(ANSWER, RawHttp.read(c.getInputStream()).bodyText());
    }

    @Test
    void shouldCloseAConnectionIdleBetweenRequestsAfterTheIdleBound() throws Exception
    {
        start(new RpcGateway.Context().idleTimeoutMs(400));
        final Socket socket = connect();
        socket.getOutputStream().write(post("HTTP/1.1", "", CALL));
        assertEquals(ANSWER, RawHttp.read(socket.getInputStream()).bodyText());
        final long start = System.nanoTime();
        assertEquals(-1, socket.getInputStream().read());
        final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 300 && ms < 3_000, "closed after " + ms + " ms");
    }

    @Test
    void shouldAnswerTheCallInFlightWhenClosedAndTakeNoNewConnection() throws Exception
    {
        start(new RpcGateway.Context());
        dashd.delayMs(600);
        final Socket socket = connect();
        socket.getOutputStream().write(post("HTTP/1.1", "", CALL));
        final Socket idle = connect();
        Thread.sleep(200);
        final CompletableFuture<Void> closed = CompletableFuture.runAsync(gateway::close);
        final RawHttp.Response answer = RawHttp.read(socket.getInputStream());
        assertEquals(ANSWER, answer.bodyText());
        assertEquals("close", answer.header("Connection"));
        closed.get(10, TimeUnit.SECONDS);
        assertEquals(-1, idle.getInputStream().read(), "an idle connection is closed");
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), gateway.port()).close());
    }

    @Test
    void shouldAnswerInMemoryThroughTheSameConnectionCode()
    {
        start(new RpcGateway.Context());
        final byte[] twice = (new String(post("HTTP/1.1", "", CALL), StandardCharsets.US_ASCII) +
            new String(post("HTTP/1.1", "", CALL), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        final String answer = new String(gateway.exchangeInMemory(twice, 5_000), StandardCharsets.ISO_8859_1);
        assertEquals(2, answer.split("HTTP/1.1 200 OK", -1).length - 1, answer);
        assertTrue(answer.endsWith(ANSWER), answer);
    }
}
