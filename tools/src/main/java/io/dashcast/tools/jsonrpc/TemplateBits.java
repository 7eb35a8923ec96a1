package io.dashcast.tools.jsonrpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code bits} dashd expects of the next block, learned from the {@code getblocktemplate}
 * answers the pool fetches through the gateway: for a given parent the difficulty is fixed (Dark
 * Gravity Wave over the parent's chain), so a submitted block on that parent with other bits would
 * cost every peer's connection 100 points ({@code bad-diffbits}). The validation gate cannot know
 * the expected value without the chain; the template carries it. Keeps the last 8 templates'
 * (parent, bits); written by the dashd client's threads as templates come back, read by the
 * gateway's thread as blocks are submitted.
 * Testnet and devnet may also take their proof-of-work limit (the minimum-difficulty rule after
 * twice the block spacing), so the limit is never refused here.
 */
final class TemplateBits
{
    private static final int KEEP = 8;
    private static final JsonFactory JSON = new JsonFactory();
    private static final long MAINNET_LIMIT_BITS = 0x1e0fffffL;
    private static final long REGTEST_LIMIT_BITS = 0x207fffffL;

    private final AtomicReferenceArray<Entry> entries = new AtomicReferenceArray<>(KEEP);
    private final AtomicInteger next = new AtomicInteger();

    private record Entry(byte[] parentInternal, long bits)
    {
    }

    /**
     * @param answer dashd's whole JSON-RPC answer to a {@code getblocktemplate} call.
     */
    void observe(final byte[] answer)
    {
        String parent = null;
        String bits = null;
        try (JsonParser p = JSON.createParser(answer))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = p.currentName();
                final JsonToken value = p.nextToken();
                if ("result".equals(field) && value == JsonToken.START_OBJECT)
                {
                    while (p.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String name = p.currentName();
                        p.nextToken();
                        if ("previousblockhash".equals(name))
                        {
                            parent = p.getValueAsString();
                        }
                        else if ("bits".equals(name))
                        {
                            bits = p.getValueAsString();
                        }
                        else
                        {
                            p.skipChildren();
                        }
                    }
                }
                else
                {
                    p.skipChildren();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return; // not a template we can read: nothing learned, nothing refused
        }
        if (parent != null && bits != null && parent.length() == 64 && bits.length() == 8)
        {
            try
            {
                final byte[] display = HexFormat.of().parseHex(parent);
                final byte[] internal = new byte[32];
                for (int i = 0; i < 32; i++)
                {
                    internal[i] = display[31 - i];
                }
                entries.set(Math.floorMod(next.getAndIncrement(), KEEP), new Entry(internal, Long.parseLong(bits, 16)));
            }
            catch (final IllegalArgumentException ex)
            {
                // not hex: ignore
            }
        }
    }

    /**
     * @param block a serialized block (its 80-byte header first).
     * @return the bits the template for its parent said, when that differs from the block's own and
     * the block's are not the network's limit; -1 when the block agrees or no template is known.
     */
    long mismatch(final byte[] block)
    {
        if (block.length < 80)
        {
            return -1;
        }
        final long bits = bitsOf(block);
        if (bits == MAINNET_LIMIT_BITS || bits == REGTEST_LIMIT_BITS)
        {
            return -1;
        }
        for (int i = 0; i < KEEP; i++)
        {
            final Entry e = entries.get(i);
            if (e != null && sameParent(e.parentInternal, block))
            {
                return e.bits == bits ? -1 : e.bits;
            }
        }
        return -1;
    }

    /**
     * @param block a serialized block, at least its header.
     * @return the header's bits.
     */
    static long bitsOf(final byte[] block)
    {
        return (block[72] & 0xffL) | (block[73] & 0xffL) << 8 | (block[74] & 0xffL) << 16 | (block[75] & 0xffL) << 24;
    }

    private static boolean sameParent(final byte[] parentInternal, final byte[] block)
    {
        for (int i = 0; i < 32; i++)
        {
            if (parentInternal[i] != block[4 + i])
            {
                return false;
            }
        }
        return true;
    }
}
