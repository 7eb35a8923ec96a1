package io.dashcast.tools.jsonrpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One pass of Jackson's streaming parser over a JSON-RPC request body that finds what the gateway
 * must handle itself: for each request object its exact byte range (so the rest go to dashd
 * unchanged), its method, its id (any JSON type, or absent), and for {@code submitblock} the block,
 * hex-decoded straight from the body's bytes (no String, no char buffer, no tree: Jackson only skips
 * the hex string), or from the parser's characters when the string has JSON escapes.
 * Anything the scan cannot read goes to dashd untouched, so dashd's own parse errors come back.
 */
final class RequestScan
{
    /** Numbers kept exactly: an id of {"n":1.0} is echoed as {"n":1.0}, as dashd echoes it (found by JsonRpcBodyFuzzTest). */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final JsonFactory FACTORY = JSON.getFactory();
    /** Each byte's hex value, -1 for a byte that is not an ASCII hex digit. */
    private static final byte[] HEX_VALUE = new byte[256];

    static
    {
        for (int b = 0; b < 256; b++)
        {
            HEX_VALUE[b] = (byte)(HexFormat.isHexDigit(b) ? HexFormat.fromHexDigit(b) : -1);
        }
    }

    /** The body is one request object. */
    static final int SINGLE = 1;
    /** The body is an array of requests. */
    static final int BATCH = 2;
    /** Anything else (not JSON, a bare value, trailing bytes): dashd answers it. */
    static final int OPAQUE = 3;

    /**
     * One request of a body.
     *
     * @param start  first byte of the element in the body.
     * @param end    one past its last byte.
     * @param method the method, or null when absent or not a string.
     * @param idJson the id as JSON text ({@code null} when absent).
     * @param block  for {@code submitblock}/{@code dashcast_submitblock}: the block when the first
     *               param is a string of hex digits, else null.
     * @param blockLength bytes of the block: its first bytes of {@code block}, which may be longer.
     */
    record Entry(int start, int end, String method, String idJson, byte[] block, int blockLength)
    {
        /**
         * @return true when the gateway answers this entry itself.
         */
        boolean intercepted()
        {
            return "dashcast_submitblock".equals(method) || ("submitblock".equals(method) && block != null);
        }
    }

    final int shape;
    final List<Entry> entries;

    private RequestScan(final int shape, final List<Entry> entries)
    {
        this.shape = shape;
        this.entries = entries;
    }

    /**
     * @param body the request body.
     * @return what it holds; {@link #OPAQUE} when it is not something we take apart.
     */
    static RequestScan scan(final byte[] body)
    {
        return scan(body, body.length, null);
    }

    /**
     * {@link #scan(byte[])} taking the block from a decode made while the body arrived, when it is
     * exactly {@code submitblock}'s first param.
     *
     * @param body     the request body.
     * @param prefetch what the body reader decoded, or null.
     * @return the scan.
     */
    static RequestScan scan(final byte[] body, final HexPrefetch prefetch)
    {
        return scan(body, body.length, prefetch);
    }

    /**
     * {@link #scan(byte[], HexPrefetch)} of a body that is the first {@code length} bytes of its array.
     *
     * @param body     the array holding the request body.
     * @param length   the body's bytes.
     * @param prefetch what the body reader decoded, or null.
     * @return the scan.
     */
    static RequestScan scan(final byte[] body, final int length, final HexPrefetch prefetch)
    {
        if (prefetch != null && prefetch.complete())
        {
            final RequestScan scan = scanWithoutDigits(body, length, prefetch);
            if (scan != null)
            {
                return scan;
            }
        }
        return parse(body, length, prefetch);
    }

    /**
     * The scan of the body with the prefetched string's digits cut out, so Jackson reads the tens
     * of bytes around a block rather than skipping megabytes of hex (0.6 ms at 1 MiB). Every other
     * byte is the same, so when the scan took the prefetched block at that string, each entry is
     * what the whole body's scan gives, once its offsets past the cut are moved back.
     *
     * @return the scan, or null when it did not take the prefetched block there (the string was
     * something else: a method, an id, a name), and the whole body must be scanned.
     */
    private static RequestScan scanWithoutDigits(final byte[] body, final int length, final HexPrefetch prefetch)
    {
        final int from = prefetch.openingQuote() + 1;
        final int to = prefetch.closingQuote();
        final int cut = to - from;
        final byte[] rest = new byte[length - cut];
        System.arraycopy(body, 0, rest, 0, from);
        System.arraycopy(body, to, rest, from, length - to);
        final RequestScan scan = parse(rest, rest.length, prefetch);
        if (!prefetch.taken())
        {
            return null;
        }
        final List<Entry> entries = new ArrayList<>(scan.entries.size());
        for (final Entry entry : scan.entries)
        {
            entries.add(new Entry(entry.start() >= from ? entry.start() + cut : entry.start(),
                entry.end() >= from ? entry.end() + cut : entry.end(), entry.method(), entry.idJson(), entry.block(), entry.blockLength()));
        }
        return new RequestScan(scan.shape, entries);
    }

    private static RequestScan parse(final byte[] body, final int length, final HexPrefetch prefetch)
    {
        try (JsonParser parser = FACTORY.createParser(body, 0, length))
        {
            final JsonToken first = parser.nextToken();
            final List<Entry> entries = new ArrayList<>();
            final int shape;
            if (first == JsonToken.START_OBJECT)
            {
                entries.add(entry(parser, body, length, prefetch));
                shape = SINGLE;
            }
            else if (first == JsonToken.START_ARRAY)
            {
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY)
                {
                    if (token != JsonToken.START_OBJECT)
                    {
                        return opaque();
                    }
                    entries.add(entry(parser, body, length, prefetch));
                }
                shape = BATCH;
            }
            else
            {
                return opaque();
            }
            return parser.nextToken() == null ? new RequestScan(shape, entries) : opaque();
        }
        catch (final IOException | RuntimeException ex)
        {
            return opaque();
        }
    }

    /**
     * @return true when any entry is answered by the gateway.
     */
    boolean anyIntercepted()
    {
        for (final Entry entry : entries)
        {
            if (entry.intercepted())
            {
                return true;
            }
        }
        return false;
    }

    private static RequestScan opaque()
    {
        return new RequestScan(OPAQUE, List.of());
    }

    /**
     * Read one request object; the parser is on its START_OBJECT and is left on its END_OBJECT.
     */
    private static Entry entry(final JsonParser parser, final byte[] body, final int length, final HexPrefetch prefetch)
        throws IOException
    {
        final int start = (int)parser.currentTokenLocation().getByteOffset();
        if (start < 0)
        {
            // Jackson took the body for UTF-16 or UTF-32 (NUL bytes among the first four) and counts
            // chars, not bytes; dashd reads UTF-8 only: it answers (found by JsonRpcBodyFuzzTest).
            throw new IOException("not UTF-8");
        }
        String method = null;
        String idJson = "null";
        byte[] block = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            switch (name)
            {
                case "method" ->
                {
                    // Found by JsonRpcBodyFuzzTest: a method that is an object or array was not
                    // skipped, so its insides were read as this request's fields.
                    method = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    parser.skipChildren();
                }
                // A number as written (dashd echoes 555.0 as 555.0; Jackson's tree would strip it
                // to 555: found by JsonRpcBodyFuzzTest), anything else re-serialized.
                case "id" -> idJson = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT ?
                    parser.getText() : JSON.writeValueAsString(JSON.readTree(parser));
                case "params" -> block = firstParamHex(parser, value, body, length, prefetch);
                default -> parser.skipChildren();
            }
        }
        final int end = (int)parser.currentLocation().getByteOffset();
        return new Entry(start, end, method, idJson, block,
            block == null ? 0 : prefetch == null ? block.length : prefetch.lengthOf(block));
    }

    /**
     * The first positional param (or {@code hexdata}) decoded from hex; the parser is left at the
     * end of the params value.
     */
    private static byte[] firstParamHex(
        final JsonParser parser, final JsonToken value, final byte[] body, final int length, final HexPrefetch prefetch)
        throws IOException
    {
        if (value == JsonToken.START_ARRAY)
        {
            byte[] block = null;
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_STRING)
            {
                block = hex(parser, body, length, prefetch);
                token = parser.nextToken();
            }
            while (token != JsonToken.END_ARRAY)
            {
                parser.skipChildren();
                token = parser.nextToken();
            }
            return block;
        }
        if (value == JsonToken.START_OBJECT)
        {
            byte[] block = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final boolean hexdata = "hexdata".equals(parser.currentName());
                if (parser.nextToken() == JsonToken.VALUE_STRING && hexdata)
                {
                    block = hex(parser, body, length, prefetch);
                }
                else
                {
                    parser.skipChildren();
                }
            }
            return block;
        }
        parser.skipChildren();
        return null;
    }

    /**
     * @return the current string token's hex digits as bytes, or null when it is not hex as dashd
     * reads it (ASCII 0-9, a-f, A-F only, as {@link HexFormat#isHexDigit}: {@code Character.digit}
     * would also take other scripts' digits, which dashd refuses).
     */
    private static byte[] hex(final JsonParser parser, final byte[] body, final int bodyLength, final HexPrefetch prefetch)
        throws IOException
    {
        // The token is not decoded yet: read its bytes in the body, from the opening quote on.
        final long quote = parser.currentTokenLocation().getByteOffset();
        if (quote < 0 || quote >= bodyLength || body[(int)quote] != '"')
        {
            return hexFromChars(parser);
        }
        if (prefetch != null)
        {
            // Decoded while the body arrived, when this string is the one the reader decoded whole.
            final byte[] block = prefetch.blockAt((int)quote);
            if (block != null)
            {
                return block;
            }
        }
        final int first = (int)quote + 1;
        int end = first;
        while (end < bodyLength && body[end] != '"')
        {
            if (body[end] == '\\')
            {
                // JSON escapes: let the parser unescape them.
                return hexFromChars(parser);
            }
            end++;
        }
        final int length = end - first;
        if (end == bodyLength || (length & 1) != 0 || length == 0)
        {
            return null;
        }
        final byte[] bytes = new byte[length / 2];
        return HexPairs.decode(body, first, end, bytes, 0) == bytes.length ? bytes : null;
    }

    private static byte[] hexFromChars(final JsonParser parser) throws IOException
    {
        final char[] chars = parser.getTextCharacters();
        final int offset = parser.getTextOffset();
        final int length = parser.getTextLength();
        if ((length & 1) != 0 || length == 0)
        {
            return null;
        }
        final byte[] bytes = new byte[length / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            final int hi = hexValue(chars[offset + 2 * i]);
            final int lo = hexValue(chars[offset + 2 * i + 1]);
            if (hi < 0 || lo < 0)
            {
                return null;
            }
            bytes[i] = (byte)((hi << 4) | lo);
        }
        return bytes;
    }

    /**
     * @return the hex value of an ASCII hex digit, -1 for any other byte.
     */
    static int hexValue(final byte b)
    {
        return HEX_VALUE[b & 0xFF];
    }

    private static int hexValue(final char c)
    {
        return c < HEX_VALUE.length ? HEX_VALUE[c] : -1;
    }
}
