package io.dashcast.tools.jsonrpc;

import io.dashcast.sim.dashd.FakeDashd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;

import static io.dashcast.tools.jsonrpc.RpcVectors.PARENT_HASH;
import static io.dashcast.tools.jsonrpc.RpcVectors.PASSWORD;
import static io.dashcast.tools.jsonrpc.RpcVectors.USER;
import static io.dashcast.tools.jsonrpc.RpcVectors.hex;
import static io.dashcast.tools.jsonrpc.RpcVectors.submitRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FakeDashd answers every exchange of vectors/rpc/README.md byte for byte: status line, header
 * lines in order (the recording has no Date), body.
 */
@Timeout(30)
class FakeDashdTest
{
    private static final String AUTH = RawHttp.basic(USER + ":" + PASSWORD);
    private static final List<String> JSON_41 = List.of("Content-Type: application/json", "Content-Length: 41");

    private FakeDashd dashd;

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

    @Test
    void shouldAnswerEveryRecordedExchangeExactly() throws Exception
    {
        final String pool = "\"pool\"";
        expect(post(submitRequest(pool, hex(RpcVectors.alteredCoinbase()))), "HTTP/1.1 200 OK", 54,
            "{\"result\":\"bad-txnmrklroot\",\"error\":null,\"id\":\"pool\"}\n");

        final RawHttp.Response accepted = post(submitRequest(pool, RpcVectors.BLOCK_HEX));
        assertEquals(JSON_41, accepted.headers());
        expect(accepted, "HTTP/1.1 200 OK", 41, "{\"result\":null,\"error\":null,\"id\":\"pool\"}\n");

        expect(post(submitRequest(pool, RpcVectors.BLOCK_HEX)), "HTTP/1.1 200 OK", 48,
            "{\"result\":\"duplicate\",\"error\":null,\"id\":\"pool\"}\n");
        expect(post(submitRequest("7", RpcVectors.BLOCK_HEX).replace("\"1.0\"", "\"2.0\"")), "HTTP/1.1 200 OK", 43,
            "{\"result\":\"duplicate\",\"error\":null,\"id\":7}\n");
        expect(post(submitRequest(pool, hex(RpcVectors.unknownParent()))), "HTTP/1.1 200 OK", 57,
            "{\"result\":\"prev-blk-not-found\",\"error\":null,\"id\":\"pool\"}\n");
        expect(post(submitRequest(pool, "00ff")), "HTTP/1.1 500 Internal Server Error", 81,
            "{\"result\":null,\"error\":{\"code\":-22,\"message\":\"Block decode failed\"},\"id\":\"pool\"}\n");
        expect(post("{\"jsonrpc\":\"1.0\",\"id\":\"pool\",\"method\":\"nosuch\",\"params\":[]}"), "HTTP/1.1 404 Not Found", 81,
            "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"pool\"}\n");
        expect(post("[{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":[]}," +
            submitRequest("2", RpcVectors.BLOCK_HEX) + "]"), "HTTP/1.1 200 OK", 80,
            "[{\"result\":102,\"error\":null,\"id\":1},{\"result\":\"duplicate\",\"error\":null,\"id\":2}]\n");

        final List<FakeDashd.Submission> submissions = dashd.submissions();
        assertEquals(6, submissions.size());
        assertArrayEquals(RpcVectors.block(), submissions.get(1).block());
        assertNull(submissions.get(1).outcome());
        assertTrue(submissions.get(1).arrivalNs() >= submissions.get(0).arrivalNs());
        assertEquals(102, dashd.height());
    }

    @Test
    void shouldAnswerWrongPasswordWithEmpty401() throws Exception
    {
        final RawHttp.Response response = RawHttp.post(dashd.port(), RawHttp.basic(USER + ":wrong"),
            "{\"jsonrpc\":\"1.0\",\"id\":\"pool\",\"method\":\"submitblock\",\"params\":[\"00\"]}");
        assertEquals("HTTP/1.1 401 Unauthorized", response.statusLine());
        assertEquals(List.of("WWW-Authenticate: Basic realm=\"jsonrpc\"", "Content-Length: 0",
            "Content-Type: text/html; charset=ISO-8859-1"), response.headers());
        assertEquals(0, response.body().length);
        assertTrue(dashd.submissions().isEmpty());
    }

    private RawHttp.Response post(final String body) throws IOException
    {
        return RawHttp.post(dashd.port(), AUTH, body);
    }

    static void expect(final RawHttp.Response response, final String statusLine, final int length, final String body)
    {
        assertEquals(statusLine, response.statusLine());
        assertEquals("application/json", response.header("Content-Type"));
        assertEquals(Integer.toString(length), response.header("Content-Length"));
        assertEquals(body, response.bodyText());
        assertEquals(length, response.body().length);
    }
}
