package io.dashcast.sim.regtest;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.X11;

import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Real regtest blocks reshaped for tests: take a block a real node mined, change its header (time,
 * merkle root, previous hash) and find a nonce again. Regtest's target (bits {@code 207fffff}) is
 * met by about every second hash, so this takes a few X11 hashes.
 */
public final class RegtestBlocks
{
    private RegtestBlocks()
    {
    }

    /**
     * @param hex a block as hex.
     * @return its bytes.
     */
    public static byte[] bytes(final String hex)
    {
        return HexFormat.of().parseHex(hex);
    }

    /**
     * Copy a block, let {@code edit} change its 80-byte header in place, then grind the nonce.
     *
     * @param block the block's bytes.
     * @param edit  changes to the copy's header (offsets of {@link BlockView}).
     * @return the new block, with a header meeting regtest's target.
     */
    public static byte[] regrind(final byte[] block, final Consumer<byte[]> edit)
    {
        final byte[] copy = block.clone();
        edit.accept(copy);
        final X11 x11 = new X11();
        final byte[] hash = new byte[32];
        for (long nonce = 0; nonce < 0xffffffffL; nonce++)
        {
            putIntLe(copy, BlockView.NONCE_OFFSET, nonce);
            x11.hash(copy, 0, BlockView.HEADER_LENGTH, hash, 0);
            // Target 0x7fffff * 256^29: the most significant byte (the last, internal order) below 0x7f.
            if ((hash[31] & 0xff) < 0x7f)
            {
                return copy;
            }
        }
        throw new IllegalStateException("no nonce found");
    }

    /**
     * @param block a block or header.
     * @return its hash in display order.
     */
    public static String hashHex(final byte[] block)
    {
        final byte[] hash = new byte[32];
        new X11().hash(block, 0, BlockView.HEADER_LENGTH, hash, 0);
        final StringBuilder hex = new StringBuilder(64);
        for (int i = 31; i >= 0; i--)
        {
            hex.append(String.format("%02x", hash[i] & 0xff));
        }
        return hex.toString();
    }

    /**
     * Set a header's time.
     *
     * @param header the header (or block) bytes.
     * @param epochSeconds the time.
     */
    public static void setTime(final byte[] header, final long epochSeconds)
    {
        putIntLe(header, BlockView.TIME_OFFSET, epochSeconds);
    }

    /**
     * @param header a header.
     * @return its time.
     */
    public static long time(final byte[] header)
    {
        long value = 0;
        for (int i = 3; i >= 0; i--)
        {
            value = (value << 8) | (header[BlockView.TIME_OFFSET + i] & 0xff);
        }
        return value;
    }

    private static void putIntLe(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < 4; i++)
        {
            bytes[offset + i] = (byte)(value >>> (8 * i));
        }
    }
}
