package io.dashcast.tools.jsonrpc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block decoded while the body arrives: in chunks cut anywhere, the scan with it finds exactly
 * what the scan without it finds, for the shapes pools send and for the ones that must abandon the
 * guess (escapes, odd or broken digits, a long hex id before the block, a short block, batches).
 */
class HexPrefetchTest
{
    private final Random random = new Random(0x5b10cL);

    @Test
    void shouldFindWhatTheScanFindsWhereverTheChunksAreCut()
    {
        int used = 0;
        for (int c = 0; c < 4_000; c++)
        {
            final byte[] block = new byte[110 + random.nextInt(3_000)];
            random.nextBytes(block);
            final byte[] body = body(c % 9, block).getBytes(StandardCharsets.UTF_8);
            final HexPrefetch prefetch = new HexPrefetch(body);
            int filled = 0;
            while (filled < body.length)
            {
                filled = Math.min(body.length, filled + 1 + random.nextInt(random.nextBoolean() ? 7 : 700));
                prefetch.advance(filled);
            }
            final RequestScan plain = RequestScan.scan(body);
            final RequestScan fast = RequestScan.scan(body, prefetch);
            assertEquals(plain.shape, fast.shape, "case " + c);
            assertEquals(plain.entries.size(), fast.entries.size(), "case " + c);
            for (int i = 0; i < plain.entries.size(); i++)
            {
                // The prefetched array may run past the block: its first blockLength bytes are the block.
                assertArrayEquals(blockOf(plain.entries.get(i)), blockOf(fast.entries.get(i)), "case " + c + " entry " + i);
                assertEquals(plain.entries.get(i).method(), fast.entries.get(i).method());
                assertEquals(plain.entries.get(i).idJson(), fast.entries.get(i).idJson());
                // The scan without the digits moves its offsets back: each entry's bytes are the same.
                assertEquals(plain.entries.get(i).start(), fast.entries.get(i).start(), "case " + c + " entry " + i);
                assertEquals(plain.entries.get(i).end(), fast.entries.get(i).end(), "case " + c + " entry " + i);
            }
            if (c % 9 <= 2 && block.length >= HexPrefetch.MIN_DIGITS / 2)
            {
                // The shapes pools send: the block came from the decode made as the body arrived.
                final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"[0-9a-fA-F]{160}")
                    .matcher(new String(body, StandardCharsets.ISO_8859_1));
                assertTrue(m.find(), "case " + c);
                final int quote = m.start();
                assertNotNull(prefetch.blockAt(quote), "case " + c);
                used++;
            }
        }
        assertTrue(used > 1_000, used + " uses of the prefetched block");
    }

    private static byte[] blockOf(final RequestScan.Entry entry)
    {
        return entry.block() == null ? null : java.util.Arrays.copyOf(entry.block(), entry.blockLength());
    }

    @Test
    void shouldGiveTheBlockOnlyForTheStringAtItsOwnOpeningQuote()
    {
        final byte[] block = new byte[500];
        random.nextBytes(block);
        final byte[] body = ("{\"params\":[\"" + hex(block) + "\"]}").getBytes(StandardCharsets.US_ASCII);
        final HexPrefetch prefetch = new HexPrefetch(body);
        prefetch.advance(body.length - 3);
        assertNull(prefetch.blockAt(11), "the closing quote has not arrived");
        prefetch.advance(body.length);
        assertArrayEquals(block, java.util.Arrays.copyOf(prefetch.blockAt(11), prefetch.blockLength()));
        assertNull(prefetch.blockAt(10), "another opening quote");
    }

    @Test
    void shouldGiveNoBlockForAStringWithAnyNonDigitAnywhereInAFourPairRead()
    {
        // Four pairs are tried at once: each non-digit byte value in each of sixteen places.
        final byte[] block = new byte[200];
        random.nextBytes(block);
        final String hex = hex(block);
        int cases = 0;
        for (int b = 0; b < 256; b++)
        {
            if (RequestScan.hexValue((byte)b) >= 0 || b == '"' || b == '\\')
            {
                continue;
            }
            for (int at = 200; at < 216; at++)
            {
                final byte[] body = ("{\"method\":\"submitblock\",\"params\":[\"" + hex + "\"]}")
                    .getBytes(StandardCharsets.ISO_8859_1);
                final int quote = body.length - hex.length() - 4;
                body[quote + 1 + at] = (byte)b;
                final HexPrefetch prefetch = new HexPrefetch(body);
                for (int filled = 0; filled < body.length; )
                {
                    filled = Math.min(body.length, filled + 1 + random.nextInt(40));
                    prefetch.advance(filled);
                }
                assertNull(prefetch.blockAt(quote), "byte " + b + " at digit " + at);
                cases++;
            }
        }
        assertTrue(cases > 3_000, cases + " cases");
    }

    /** Shapes 0-2 are what pools send; the rest must fall back to the scan's own decode. */
    private String body(final int shape, final byte[] block)
    {
        final String hex = hex(block);
        return switch (shape)
        {
            case 0 -> "{\"jsonrpc\":\"1.0\",\"id\":" + random.nextInt(1000) + ",\"method\":\"submitblock\",\"params\":[\"" + hex + "\"]}";
            case 1 -> "{\"params\":[\"" + hex.toUpperCase() + "\"],\"method\":\"submitblock\",\"id\":\"x\"}";
            case 2 -> "{ \"method\" : \"submitblock\" , \"params\" : [ \"" + hex + "\" , \"extra\" ] , \"id\" : null }";
            case 3 -> "{\"method\":\"submitblock\",\"params\":[\"" + hex.substring(0, 200) + "\\u0030" + hex.substring(200) + "\"]}";
            case 4 -> "{\"method\":\"submitblock\",\"params\":[\"" + hex + "0\"]}";
            case 5 -> "{\"method\":\"submitblock\",\"params\":[\"" + hex.substring(0, 170) + "zz" + hex.substring(172) + "\"]}";
            case 6 -> "{\"id\":\"" + hex(new byte[120]) + "\",\"method\":\"submitblock\",\"params\":[\"" + hex + "\"]}";
            case 7 -> "[{\"method\":\"submitblock\",\"params\":[\"" + hex + "\"],\"id\":1},"
                + "{\"method\":\"getblockcount\",\"params\":[],\"id\":3},"
                + "{\"method\":\"submitblock\",\"params\":{\"hexdata\":\"" + hex(block).substring(2) + "\"},\"id\":2}]";
            default -> "{\"method\":\"submitblock\",\"params\":[\"" + hex.substring(0, 100) + "\"]}";
        };
    }

    private static String hex(final byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }
}
