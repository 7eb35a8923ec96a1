package io.dashcast.tools.jsonrpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.dashcast.fuzz.HangWatchdog;

import java.io.IOException;
import java.util.Arrays;

/**
 * The JSON half of the dashd gateway: {@link RequestScan}, which reads every request body a pool
 * sends (one pass of Jackson's streaming parser) and decides what the gateway answers itself and
 * what goes to dashd unchanged, decoding a {@code submitblock}'s hex straight into bytes. It lives
 * in the gateway's package to reach the package-private scan; the whole endpoint over HTTP is
 * {@code io.dashcast.fuzz.JsonRpcEndpointFuzzTest}, which spends most of each input on the socket
 * and on dashd's answer, where this one spends it on the parse.
 * <p>
 * Nothing may escape the scan. An oracle checks what it found: Jackson's tree of the same body
 * (read strictly, nothing after the value) must give the same shape, and per request object the
 * same method, id and block, the block decoded as dashd decodes hex (ASCII digits only, an even
 * count); every entry's byte range must be that object's braces, in order, inside the body.
 */
class JsonRpcBodyFuzzTest
{
    private static final HangWatchdog WATCHDOG = new HangWatchdog("JsonRpcBodyFuzzTest");
    /** As the gateway reads JSON, but numbers kept exactly (555.0 is not 555) to compare ids. */
    private static final ObjectMapper TREE = new ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private static final java.util.Comparator<JsonNode> SAME_VALUE = (a, b) ->
        a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    @FuzzTest(maxDuration = "10s")
    void body(final byte[] body)
    {
        WATCHDOG.begin(body);
        try
        {
            check(body, RequestScan.scan(body));
            // The same body read in chunks with its hex decoded as it arrives (the gateway's reader).
            final HexPrefetch prefetch = new HexPrefetch(body);
            final int chunk = 1 + body.length % 97;
            for (int filled = Math.min(body.length, chunk); ; filled = Math.min(body.length, filled + chunk))
            {
                prefetch.advance(filled);
                if (filled == body.length)
                {
                    break;
                }
            }
            check(body, RequestScan.scan(body, prefetch));
        }
        finally
        {
            WATCHDOG.end();
        }
    }

    private static void check(final byte[] body, final RequestScan scan)
    {
        int previousEnd = 0;
        for (final RequestScan.Entry entry : scan.entries)
        {
            if (entry.start() < previousEnd || entry.end() > body.length || entry.end() <= entry.start() ||
                body[entry.start()] != '{' || body[entry.end() - 1] != '}')
            {
                throw new AssertionError("entry range " + entry.start() + ".." + entry.end() + " is not an object of " +
                    body.length + " bytes");
            }
            previousEnd = entry.end();
        }
        final JsonNode tree = strictTree(body);
        if (tree == null)
        {
            if (scan.shape != RequestScan.OPAQUE && wellFormed(body))
            {
                // Only a number no tree can hold (5555e10000000000): the scan leaves numbers as
                // written, as dashd does; there is no tree to compare with.
                return;
            }
            if (scan.shape != RequestScan.OPAQUE)
            {
                throw new AssertionError("took apart a body Jackson refuses: shape " + scan.shape);
            }
            return;
        }
        if (tree.isObject())
        {
            expect(scan.shape == RequestScan.SINGLE && scan.entries.size() == 1, "one object read as shape " + scan.shape);
            checkEntry(tree, scan.entries.get(0));
        }
        else if (tree.isArray() && allObjects(tree))
        {
            expect(scan.shape == RequestScan.BATCH && scan.entries.size() == tree.size(),
                "a batch of " + tree.size() + " read as shape " + scan.shape + " with " + scan.entries.size());
            for (int i = 0; i < tree.size(); i++)
            {
                checkEntry(tree.get(i), scan.entries.get(i));
            }
        }
        else
        {
            expect(scan.shape == RequestScan.OPAQUE, "a bare value or a mixed array read as shape " + scan.shape);
        }
    }

    private static void checkEntry(final JsonNode request, final RequestScan.Entry entry)
    {
        final JsonNode method = request.path("method");
        expect(java.util.Objects.equals(method.isTextual() ? method.textValue() : null, entry.method()),
            "method " + entry.method() + " where the tree has " + method);
        final JsonNode id = request.get("id");
        // A number as a top-level id is echoed as written, so exactly equal; inside an object or array
        // id the scan writes it again (555E00 as 555): equal in value.
        expect(id == null ? "null".equals(entry.idJson()) : id.isNumber() ? id.equals(tree(entry.idJson())) :
            id.equals(SAME_VALUE, tree(entry.idJson())),
            "id " + entry.idJson() + " where the tree has " + id);
        final byte[] expected = firstParamBlock(request.path("params"));
        // The block is the first blockLength bytes of its array (the prefetch's array is not trimmed).
        expect(entry.block() == null || entry.blockLength() <= entry.block().length,
            "block length " + entry.blockLength() + " past its array");
        final byte[] block = entry.block() == null ? null : Arrays.copyOf(entry.block(), entry.blockLength());
        expect(Arrays.equals(expected, block), "block of " + (block == null ? -1 : block.length) +
            " bytes where dashd would decode " + (expected == null ? -1 : expected.length));
    }

    /**
     * What dashd's {@code submitblock} reads as the block: the first positional param, or
     * {@code hexdata} by name, when it is non-empty hex (IsHex: ASCII hex digits, an even count).
     */
    private static byte[] firstParamBlock(final JsonNode params)
    {
        final JsonNode hex = params.isArray() ? params.path(0) : params.isObject() ? params.path("hexdata") :
            MissingNode.getInstance();
        if (!hex.isTextual())
        {
            return null;
        }
        final String text = hex.textValue();
        if (text.isEmpty() || (text.length() & 1) != 0)
        {
            return null;
        }
        final byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            final int hi = asciiHex(text.charAt(2 * i));
            final int lo = asciiHex(text.charAt(2 * i + 1));
            if (hi < 0 || lo < 0)
            {
                return null;
            }
            bytes[i] = (byte)((hi << 4) | lo);
        }
        return bytes;
    }

    private static int asciiHex(final char c)
    {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean allObjects(final JsonNode array)
    {
        for (final JsonNode element : array)
        {
            if (!element.isObject())
            {
                return false;
            }
        }
        return true;
    }

    private static JsonNode strictTree(final byte[] body)
    {
        // UTF-8 only, as dashd reads it (Jackson alone would guess UTF-16 or UTF-32 from NUL bytes).
        final String text;
        try
        {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(body)).toString();
        }
        catch (final java.nio.charset.CharacterCodingException notUtf8)
        {
            return null;
        }
        try (com.fasterxml.jackson.core.JsonParser parser = TREE.getFactory().createParser(text))
        {
            if (parser.nextToken() == null)
            {
                return null;
            }
            final JsonNode tree = TREE.readTree(parser);
            return parser.nextToken() == null ? tree : null;
        }
        catch (final IOException | RuntimeException refused)
        {
            return null;
        }
    }

    /**
     * @return true when the body is one JSON value and nothing after it, read token by token
     * without converting any number.
     */
    private static boolean wellFormed(final byte[] body)
    {
        try (com.fasterxml.jackson.core.JsonParser parser = TREE.getFactory().createParser(body))
        {
            if (parser.nextToken() == null)
            {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        }
        catch (final IOException | RuntimeException refused)
        {
            return false;
        }
    }

    private static JsonNode tree(final String json)
    {
        try
        {
            return TREE.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("the id is not JSON: " + json, ex);
        }
    }

    private static void expect(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new AssertionError(what);
        }
    }
}
