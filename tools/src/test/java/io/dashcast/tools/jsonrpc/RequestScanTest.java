package io.dashcast.tools.jsonrpc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the gateway takes apart of a pool's request body, and what it leaves to dashd; the two
 * findings of {@code JsonRpcBodyFuzzTest}.
 */
class RequestScanTest
{
    @Test
    void shouldNotReadTheInsidesOfANonStringMethodAsTheRequest()
    {
        // dashd answers "Method must be a string"; the gateway must not see a submitblock in it.
        final RequestScan scan = scan("{\"method\":{\"method\":\"submitblock\",\"params\":[\"00ff\"]},\"id\":1}");
        assertEquals(RequestScan.SINGLE, scan.shape);
        assertNull(scan.entries.get(0).method());
        assertNull(scan.entries.get(0).block());
        assertFalse(scan.anyIntercepted());
        assertEquals("1", scan.entries.get(0).idJson());
    }

    @Test
    void shouldLeaveABodyJacksonReadsAsUtf16ToDashd()
    {
        assertEquals(RequestScan.OPAQUE, RequestScan.scan(new byte[] {'{', 0, '}', 0}).shape);
        assertEquals(RequestScan.OPAQUE, RequestScan.scan(("\uFEFF{\"method\":\"submitblock\",\"params\":[\"00\"]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_16BE)).shape);
    }

    @Test
    void shouldEchoANumericIdAsWritten()
    {
        assertEquals("555.0", scan("{\"id\":555.0,\"method\":\"getblockcount\"}").entries.get(0).idJson());
        assertEquals("1e2", scan("{\"id\":1e2,\"method\":\"getblockcount\"}").entries.get(0).idJson());
        assertEquals("{\"n\":[17730606.0]}", scan("{\"id\":{\"n\":[17730606.0]},\"method\":\"getblockcount\"}").entries.get(0)
            .idJson());
        assertEquals("\"p\\\"1\"", scan("{\"id\":\"p\\\"1\",\"method\":\"getblockcount\"}").entries.get(0).idJson());
    }

    @Test
    void shouldDecodeOnlyAsciiHexAsDashdDoes()
    {
        // U+0660..U+0669 are digits to Character.digit, not to dashd's IsHex.
        assertNull(scan("{\"method\":\"submitblock\",\"params\":[\"\u0660\u0661\"],\"id\":1}").entries.get(0).block());
        assertNull(scan("{\"method\":\"submitblock\",\"params\":[\"\uff21\uff22\"],\"id\":1}").entries.get(0).block());
        assertArrayEquals(new byte[] {0x0a, (byte)0xbF, (byte)0xc9},
            scan("{\"method\":\"submitblock\",\"params\":[\"0aBfC9\"],\"id\":1}").entries.get(0).block());
        assertArrayEquals(new byte[] {0x00, (byte)0xff},
            scan("{\"method\":\"submitblock\",\"params\":{\"hexdata\":\"00FF\"},\"id\":1}").entries.get(0).block());
    }

    @Test
    void shouldReadHexWithJsonEscapesAsDashdUnescapesIt()
    {
        // The fast path reads the raw bytes; an escape sends it to the parser's unescaped text.
        assertArrayEquals(new byte[] {0x01, (byte)0xab},
            scan("{\"method\":\"submitblock\",\"params\":[\"\\u0030\\u0031\\u0061b\"],\"id\":1}").entries.get(0).block());
        assertNull(scan("{\"method\":\"submitblock\",\"params\":[\"00\\n\"],\"id\":1}").entries.get(0).block());
        // Not hex, odd, empty: dashd answers them; the request after them is still read.
        final RequestScan batch = scan("[{\"method\":\"submitblock\",\"params\":[\"0g\"],\"id\":1}," +
            "{\"method\":\"submitblock\",\"params\":[\"abc\"],\"id\":2},{\"method\":\"submitblock\",\"params\":[\"\"],\"id\":3}," +
            "{\"method\":\"submitblock\",\"params\":[\"00ff\",\"x\"],\"id\":4}]");
        assertEquals(RequestScan.BATCH, batch.shape);
        assertNull(batch.entries.get(0).block());
        assertNull(batch.entries.get(1).block());
        assertNull(batch.entries.get(2).block());
        assertArrayEquals(new byte[] {0x00, (byte)0xff}, batch.entries.get(3).block());
        assertEquals("4", batch.entries.get(3).idJson());
        // A raw control character is not JSON: dashd's parse error comes back.
        assertEquals(RequestScan.OPAQUE, scan("{\"method\":\"submitblock\",\"params\":[\"00\u0001ff\"],\"id\":1}").shape);
    }

    private static RequestScan scan(final String body)
    {
        return RequestScan.scan(body.getBytes(StandardCharsets.UTF_8));
    }
}
