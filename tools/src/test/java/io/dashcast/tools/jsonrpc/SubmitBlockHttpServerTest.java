package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.dashd.DashdRpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static io.dashcast.tools.jsonrpc.FakeDashdTest.expect;
import static io.dashcast.tools.jsonrpc.RpcVectors.PASSWORD;
import static io.dashcast.tools.jsonrpc.RpcVectors.USER;
import static io.dashcast.tools.jsonrpc.RpcVectors.hex;
import static io.dashcast.tools.jsonrpc.RpcVectors.submitRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint against every exchange of vectors/rpc/README.md (status, Content-Type,
 * Content-Length and body byte for byte), its authentication, bounds and bind policy.
 */
@Timeout(30)
class SubmitBlockHttpServerTest
{
    private static final String AUTH = RawHttp.basic(USER + ":" + PASSWORD);
    private static final String POOL = "\"pool\"";

    private final List<byte[]> sunk = new CopyOnWriteArrayList<>();
    private final AtomicReference<SubmitOutcome> next = new AtomicReference<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private SubmitBlockHttpServer server;
    private FakeDashd dashd;

    @TempDir
    Path dir;

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
        if (dashd != null)
        {
            dashd.close();
        }
    }

    /** Accepts a block the first time, then calls it a duplicate, unless told otherwise. */
    private SubmitOutcome sink(final byte[] block)
    {
        final SubmitOutcome forced = next.getAndSet(null);
        final boolean seen = sunk.stream().anyMatch(b -> java.util.Arrays.equals(b, block));
        sunk.add(block);
        if (forced != null)
        {
            return forced;
        }
        return seen ? SubmitOutcome.DUPLICATE : SubmitOutcome.ACCEPTED;
    }

    private SubmitBlockHttpServer.Context context()
    {
        return new SubmitBlockHttpServer.Context().port(0).rpcUser(USER).rpcPassword(PASSWORD).blockSink(this::sink)
            .errorHandler(errors::add);
    }

    private RawHttp.Response post(final String body) throws IOException
    {
        return RawHttp.post(server.port(), AUTH, body);
    }

    @Test
    void shouldAnswerAcceptedDuplicateAndJsonRpc2AsDashd() throws Exception
    {
        server = SubmitBlockHttpServer.start(context());
        expect(post(submitRequest(POOL, RpcVectors.BLOCK_HEX)), "HTTP/1.1 200 OK", 41,
            "{\"result\":null,\"error\":null,\"id\":\"pool\"}\n");
        expect(post(submitRequest(POOL, RpcVectors.BLOCK_HEX)), "HTTP/1.1 200 OK", 48,
            "{\"result\":\"duplicate\",\"error\":null,\"id\":\"pool\"}\n");
        expect(post(submitRequest("7", RpcVectors.BLOCK_HEX).replace("\"1.0\"", "\"2.0\"")), "HTTP/1.1 200 OK", 43,
            "{\"result\":\"duplicate\",\"error\":null,\"id\":7}\n");
        assertEquals(3, sunk.size());
        assertArrayEquals(RpcVectors.block(), sunk.get(0));
    }

    @Test
    void shouldRejectBadMerkleRootBeforeTheSink() throws Exception
    {
        server = SubmitBlockHttpServer.start(context());
        expect(post(submitRequest(POOL, hex(RpcVectors.alteredCoinbase()))), "HTTP/1.1 200 OK", 54,
            "{\"result\":\"bad-txnmrklroot\",\"error\":null,\"id\":\"pool\"}\n");
        assertTrue(sunk.isEmpty());
    }

    @Test
    void shouldPassOnTheSinksRejectionReason() throws Exception
    {
        server = SubmitBlockHttpServer.start(context());
        next.set(SubmitOutcome.rejected("prev-blk-not-found"));
        expect(post(submitRequest(POOL, hex(RpcVectors.unknownParent()))), "HTTP/1.1 200 OK", 57,
            "{\"result\":\"prev-blk-not-found\",\"error\":null,\"id\":\"pool\"}\n");
        next.set(SubmitOutcome.QUEUE_FULL);
        expect(post(submitRequest(POOL, RpcVectors.BLOCK_HEX)), "HTTP/1.1 200 OK", 49,
            "{\"result\":\"queue-full\",\"error\":null,\"id\":\"pool\"}\n");
    }

    @Test
    void shouldAnswerDecodeFailureAndUnknownMethodAsDashd() throws Exception
    {
        server = SubmitBlockHttpServer.start(context());
        expect(post(submitRequest(POOL, "00ff")), "HTTP/1.1 500 Internal Server Error", 81,
            "{\"result\":null,\"error\":{\"code\":-22,\"message\":\"Block decode failed\"},\"id\":\"pool\"}\n");
        expect(post(submitRequest(POOL, "0g")), "HTTP/1.1 500 Internal Server Error", 81,
            "{\"result\":null,\"error\":{\"code\":-22,\"message\":\"Block decode failed\"},\"id\":\"pool\"}\n");
        expect(post(submitRequest(POOL, RpcVectors.BLOCK_HEX + "00")), "HTTP/1.1 500 Internal Server Error", 81,
            "{\"result\":null,\"error\":{\"code\":-22,\"message\":\"Block decode failed\"},\"id\":\"pool\"}\n");
        expect(post("{\"jsonrpc\":\"1.0\",\"id\":\"pool\",\"method\":\"nosuch\",\"params\":[]}"), "HTTP/1.1 404 Not Found", 81,
            "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"pool\"}\n");
        expect(post("{\"jsonrpc\":\"1.0\",\"id\":\"pool\",\"method\":\"getblockcount\",\"params\":[]}"), "HTTP/1.1 404 Not Found", 81,
            "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"pool\"}\n");
        expect(post("{\"id\":1,\"method\":"), "HTTP/1.1 500 Internal Server Error", 74,
            "{\"result\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}\n");
        assertTrue(sunk.isEmpty());
    }

    @Test
    void shouldAnswerBatchesProxyingChainQueriesToDashd() throws Exception
    {
        dashd = FakeDashd.start("u", "p").tip(RpcVectors.PARENT_HASH, 102);
        final DashdRpcClient client = new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user("u").password("p"));
        server = SubmitBlockHttpServer.start(context().dashdProxy(client));
        next.set(SubmitOutcome.DUPLICATE);
        expect(post("[{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":[]}," +
            submitRequest("2", RpcVectors.BLOCK_HEX) + "]"), "HTTP/1.1 200 OK", 80,
            "[{\"result\":102,\"error\":null,\"id\":1},{\"result\":\"duplicate\",\"error\":null,\"id\":2}]\n");
        expect(post("{\"id\":\"h\",\"method\":\"getbestblockhash\"}"), "HTTP/1.1 200 OK", 100,
            "{\"result\":\"" + RpcVectors.PARENT_HASH + "\",\"error\":null,\"id\":\"h\"}\n");
        expect(post("[1]"), "HTTP/1.1 200 OK", 87,
            "[{\"result\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request object\"},\"id\":null}]\n");
    }

    @Test
    void shouldAnswerWrongOrMissingCredentialsWithEmpty401() throws Exception
    {
        server = SubmitBlockHttpServer.start(context());
        for (final String auth : new String[] {RawHttp.basic(USER + ":wrong"), null, "Basic !!!", "Bearer x"})
        {
            final RawHttp.Response response = RawHttp.post(server.port(), auth, submitRequest(POOL, RpcVectors.BLOCK_HEX));
            assertEquals(401, response.status());
            assertEquals("Basic realm=\"jsonrpc\"", response.header("WWW-Authenticate"));
            assertEquals("text/html; charset=ISO-8859-1", response.header("Content-Type"));
            assertEquals("0", response.header("Content-Length"));
            assertEquals(0, response.body().length);
        }
        assertTrue(sunk.isEmpty());
    }

    @Test
    void shouldAuthenticateWithAGeneratedCookie() throws Exception
    {
        final Path cookieFile = dir.resolve("sub").resolve(".cookie");
        server = SubmitBlockHttpServer.start(new SubmitBlockHttpServer.Context().port(0).cookieFile(cookieFile).blockSink(this::sink));
        final String cookie = Files.readString(cookieFile, StandardCharsets.US_ASCII);
        assertTrue(cookie.matches("__cookie__:[0-9a-f]{64}"), cookie);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cookieFile)));
        expect(RawHttp.post(server.port(), RawHttp.basic(cookie), submitRequest(POOL, RpcVectors.BLOCK_HEX)), "HTTP/1.1 200 OK", 41,
            "{\"result\":null,\"error\":null,\"id\":\"pool\"}\n");
        assertEquals(401, RawHttp.post(server.port(), AUTH, submitRequest(POOL, RpcVectors.BLOCK_HEX)).status());
        server.close();
        server = null;
        assertFalse(Files.exists(cookieFile));
    }

    @Test
    void shouldAnswerAnOversizeBodyWith413() throws Exception
    {
        server = SubmitBlockHttpServer.start(context().maxBodyBytes(4096));
        final String big = submitRequest(POOL, "00".repeat(3000));
        final RawHttp.Response declared = post(big);
        assertEquals(413, declared.status());
        assertEquals(0, declared.body().length);

        final byte[] chunk = big.getBytes(StandardCharsets.US_ASCII);
        final String head = "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH + "\r\nTransfer-Encoding: chunked\r\n\r\n" +
            Integer.toHexString(chunk.length) + "\r\n";
        final byte[] tail = (new String(chunk, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(413, RawHttp.exchange(server.port(), head.getBytes(StandardCharsets.US_ASCII), tail).status());
        assertTrue(sunk.isEmpty());
    }

    @Test
    void shouldRefuseANonLoopbackBindUnlessAllowed() throws Exception
    {
        final SubmitBlockHttpServer.Context ctx = context().bindAddress(InetAddress.getByName("0.0.0.0"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> SubmitBlockHttpServer.start(ctx));
        assertTrue(ex.getMessage().contains("non-loopback"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> new SubmitBlockHttpServer.Context().rpcUser("u").blockSink(b -> SubmitOutcome.ACCEPTED).conclude());
    }

    @Test
    void shouldAnswerAThrowingSinkWithAnRpcErrorNotAStackTrace() throws Exception
    {
        server = SubmitBlockHttpServer.start(context().blockSink(b ->
        {
            throw new IllegalStateException("boom");
        }));
        expect(post(submitRequest(POOL, RpcVectors.BLOCK_HEX)), "HTTP/1.1 500 Internal Server Error", 98,
            "{\"result\":null,\"error\":{\"code\":-1,\"message\":\"internal error: IllegalStateException\"},\"id\":\"pool\"}\n");
        assertEquals(1, errors.size());
    }

    @Test
    void shouldRefuseOtherHttpMethods() throws Exception
    {
        server = SubmitBlockHttpServer.start(context());
        final RawHttp.Response response = RawHttp.exchange(server.port(),
            ("GET / HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertEquals(405, response.status());
    }
}
