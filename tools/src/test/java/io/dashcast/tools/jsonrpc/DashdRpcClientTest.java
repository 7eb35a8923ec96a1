package io.dashcast.tools.jsonrpc;

import io.dashcast.sim.dashd.FakeDashd;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.engine.dashd.SubmitBlockResult.Status;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.dashcast.tools.jsonrpc.RpcVectors.PARENT_HASH;
import static io.dashcast.tools.jsonrpc.RpcVectors.PASSWORD;
import static io.dashcast.tools.jsonrpc.RpcVectors.USER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashd client against FakeDashd for every answer shape dashd gives.
 */
@Timeout(30)
class DashdRpcClientTest
{
    private FakeDashd dashd;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException
    {
        dashd = FakeDashd.start(USER, PASSWORD).tip(PARENT_HASH, 101);
    }

    @AfterEach
    void stop()
    {
        dashd.close();
    }

    private DashdRpcClient client(final String password)
    {
        return new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user(USER).password(password)
            .connectTimeoutMs(500).requestTimeoutMs(1_000));
    }

    @Test
    void shouldClassifyEveryResultShape()
    {
        final DashdRpcClient client = client(PASSWORD);
        final SubmitBlockResult merkle = client.submitblock(RpcVectors.hex(RpcVectors.alteredCoinbase()));
        assertEquals(Status.REJECTED, merkle.status());
        assertEquals("bad-txnmrklroot", merkle.reason());

        final byte[] block = RpcVectors.block();
        final SubmitBlockResult accepted = client.submitblock(block, 0, block.length);
        assertEquals(Status.ACCEPTED, accepted.status(), accepted.toString());
        assertNull(accepted.reason());
        assertTrue(accepted.elapsedNs() > 0);
        assertTrue(accepted.dashdHasBlock());

        final SubmitBlockResult duplicate = client.submitblock(new UnsafeBuffer(block), 0, block.length);
        assertEquals(Status.DUPLICATE, duplicate.status());
        assertEquals("duplicate", duplicate.reason());

        final SubmitBlockResult orphan = client.submitblock(RpcVectors.hex(RpcVectors.unknownParent()));
        assertEquals(Status.REJECTED, orphan.status());
        assertEquals("prev-blk-not-found", orphan.reason());

        final SubmitBlockResult garbage = client.submitblock("00ff");
        assertEquals(Status.RPC_ERROR, garbage.status());
        assertEquals(-22, garbage.errorCode());
        assertEquals("Block decode failed", garbage.reason());

        assertEquals(4, dashd.submissions().size());
        assertArrayEquals(block, dashd.submissions().get(1).block());
    }

    @Test
    void shouldAnswerHealthChecksAndUnknownMethods()
    {
        final DashdRpcClient client = client(PASSWORD);
        final RpcReply count = client.getblockcount();
        assertEquals(RpcReply.Status.OK, count.status());
        assertEquals(101, count.result().longValue());
        assertEquals(PARENT_HASH, client.getbestblockhash().result().textValue());

        final RpcReply nosuch = client.call("nosuch", "[]");
        assertEquals(RpcReply.Status.RPC_ERROR, nosuch.status());
        assertEquals(-32601, nosuch.errorCode());
        assertEquals("Method not found", nosuch.message());
        assertEquals(404, nosuch.httpStatus());
    }

    @Test
    void shouldReportWrongCredentials()
    {
        final SubmitBlockResult result = client("wrong").submitblock(RpcVectors.BLOCK_HEX);
        assertEquals(Status.AUTH_FAILED, result.status());
        assertTrue(result.reason().contains("401"), result.reason());
        assertTrue(dashd.submissions().isEmpty());
    }

    @Test
    void shouldReportADownARefusingAndASlowDashd() throws Exception
    {
        final DashdRpcClient client = client(PASSWORD);
        dashd.mode(FakeDashd.Mode.DOWN);
        final SubmitBlockResult down = client.submitblock(RpcVectors.BLOCK_HEX);
        assertEquals(Status.UNREACHABLE, down.status());
        assertTrue(down.reason().startsWith("cannot connect to dashd at 127.0.0.1:" + dashd.port()), down.reason());

        dashd.mode(FakeDashd.Mode.REFUSE);
        final SubmitBlockResult refused = client.submitblock(RpcVectors.BLOCK_HEX);
        assertEquals(Status.UNREACHABLE, refused.status(), refused.toString());

        dashd.mode(FakeDashd.Mode.NORMAL);
        dashd.delayMs(3_000);
        final SubmitBlockResult slow = client.submitblock(RpcVectors.BLOCK_HEX);
        assertEquals(Status.TIMEOUT, slow.status(), slow.toString());
        assertTrue(slow.elapsedNs() >= 1_000_000_000L && slow.elapsedNs() < 2_500_000_000L, slow.toString());
        assertEquals(1, dashd.submissions().size(), "the slow dashd still got the block");

        dashd.delayMs(0);
        assertEquals(Status.DUPLICATE, client.submitblock(RpcVectors.BLOCK_HEX).status());
    }

    @Test
    @Timeout(30)
    void shouldRefuseAnAnswerOverItsBoundAndPassTheBodyOfAForwardUnchanged() throws Exception
    {
        final String body = "{\"result\":\"" + "x".repeat(5000) + "\",\"error\":null,\"id\":1}";
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress()))
        {
            final Thread answering = new Thread(() ->
            {
                try
                {
                    while (true)
                    {
                        final java.net.Socket socket = server.accept();
                        socket.getInputStream().read(new byte[65536]);
                        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" +
                            "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                }
                catch (final IOException closed)
                {
                    // the test is over
                }
            }, "big-answer");
            answering.setDaemon(true);
            answering.start();
            final DashdRpcClient.Context ctx = new DashdRpcClient.Context().port(server.getLocalPort()).user(USER)
                .password(PASSWORD).maxAnswerBytes(1024);
            final RpcReply refused = new DashdRpcClient(ctx).getblockcount();
            assertEquals(RpcReply.Status.RPC_ERROR, refused.status(), refused.toString());
            assertTrue(refused.message().contains("answer larger than 1024 bytes"), refused.message());
            final DashdRpcClient.Answer forwarded = new DashdRpcClient(ctx).forward("/",
                "{\"method\":\"getblockcount\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true).get();
            assertEquals(200, forwarded.status());
            assertEquals(body, new String(forwarded.body(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("application/json", forwarded.contentType());
        }
    }

    @Test
    void shouldAuthenticateWithDashdsCookieAndRereadItAfterARestart() throws Exception
    {
        final Path cookie = dir.resolve(".cookie");
        final DashdRpcClient client = new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).cookieFile(cookie));
        final SubmitBlockResult missing = client.submitblock(RpcVectors.BLOCK_HEX);
        assertEquals(Status.UNREACHABLE, missing.status());
        assertTrue(missing.reason().contains("cookie"), missing.reason());

        dashd.writeCookie(cookie);
        assertEquals(Status.ACCEPTED, client.submitblock(RpcVectors.BLOCK_HEX).status());
        dashd.writeCookie(cookie);
        assertEquals(Status.DUPLICATE, client.submitblock(RpcVectors.BLOCK_HEX).status());
    }

    @Test
    void shouldRefuseIncompleteSettingsWithOneLine()
    {
        final IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
            () -> new DashdRpcClient(new DashdRpcClient.Context()));
        assertEquals("no dashd credentials: set rpcuser and rpcpassword, or the cookie file", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DashdRpcClient(new DashdRpcClient.Context().port(0).password("p").user("u")));
        assertThrows(IllegalArgumentException.class, () -> new DashdRpcClient(new DashdRpcClient.Context().password("p")));
    }
}
