package io.dashcast.bench.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.X11;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Structurally valid blocks of a chosen size for benchmarks: an 80-byte header and one coinbase
 * whose output script pads the block to the size asked for, with a correct merkle root.
 */
public final class SyntheticBlocks
{
    private SyntheticBlocks()
    {
    }

    /**
     * @param sizeBytes total block size, at least 200.
     * @param salt      varies the header so hashes differ.
     * @return the serialized block.
     */
    public static byte[] block(final int sizeBytes, final int salt)
    {
        final int fixed = 80 + 1 + 4 + 1 + 36 + 1 + 4 + 4 + 1 + 8 + 4;
        int script = sizeBytes - fixed - 1;
        script -= VarInt.sizeOf(script) - 1;
        final byte[] bytes = new byte[sizeBytes];
        final UnsafeBuffer b = new UnsafeBuffer(bytes);
        b.putInt(0, 0x20000000, ByteOrder.LITTLE_ENDIAN);
        b.putInt(68, 1_700_000_000 + salt, ByteOrder.LITTLE_ENDIAN);
        b.putInt(72, 0x207fffff, ByteOrder.LITTLE_ENDIAN);
        b.putInt(76, salt, ByteOrder.LITTLE_ENDIAN);
        int p = 80;
        bytes[p++] = 1;
        final int txStart = p;
        b.putInt(p, 1, ByteOrder.LITTLE_ENDIAN);
        p += 4;
        bytes[p++] = 1;
        p += 32;
        b.putInt(p, -1, ByteOrder.LITTLE_ENDIAN);
        p += 4;
        bytes[p++] = 4;
        b.putInt(p, salt, ByteOrder.LITTLE_ENDIAN);
        p += 4;
        b.putInt(p, -1, ByteOrder.LITTLE_ENDIAN);
        p += 4;
        bytes[p++] = 1;
        b.putLong(p, 50_0000_0000L, ByteOrder.LITTLE_ENDIAN);
        p += 8;
        p += VarInt.write(b, p, script);
        p += script;
        p += 4;
        if (p != sizeBytes)
        {
            throw new IllegalStateException("built " + p + " bytes, wanted " + sizeBytes);
        }
        final byte[] root = new byte[32];
        new Sha256d().hash(b, txStart, p - txStart, root, 0);
        b.putBytes(36, root);
        new BlockView().wrap(b, 0, sizeBytes);
        grind(b, new X11(), new byte[32]);
        return bytes;
    }

    /**
     * Make the block the child of itself, as a pool's next block is the child of its last: the
     * previous-block hash becomes this header's X11, and the nonce is ground until the header meets
     * its own target again (dashcast's validation gate refuses anything else; at regtest's
     * {@code 0x207fffff} about two tries).
     *
     * @param block  the block at offset 0.
     * @param x11    a hasher.
     * @param hash   32 bytes of scratch.
     */
    public static void extend(final MutableDirectBuffer block, final X11 x11, final byte[] hash)
    {
        x11.hash(block, 0, 80, hash, 0);
        block.putBytes(4, hash);
        block.putInt(76, block.getInt(76, ByteOrder.LITTLE_ENDIAN) + 1, ByteOrder.LITTLE_ENDIAN);
        grind(block, x11, hash);
    }

    /**
     * Advance the nonce until X11 of the header is at most the target its {@code bits} give.
     *
     * @param block the block at offset 0.
     * @param x11   a hasher.
     * @param hash  32 bytes of scratch.
     */
    public static void grind(final MutableDirectBuffer block, final X11 x11, final byte[] hash)
    {
        final int bits = block.getInt(72, ByteOrder.LITTLE_ENDIAN);
        while (true)
        {
            x11.hash(block, 0, 80, hash, 0);
            if (atMost(hash, bits))
            {
                return;
            }
            block.putInt(76, block.getInt(76, ByteOrder.LITTLE_ENDIAN) + 1, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** hash (little-endian 256 bits) ≤ the target that compact {@code bits} give; allocates nothing (it runs in JMH setups). */
    private static boolean atMost(final byte[] hash, final int bits)
    {
        final int low = (bits >>> 24) - 3;
        for (int i = 31; i >= 0; i--)
        {
            final int h = hash[i] & 0xff;
            final int t = i >= low && i < low + 3 ? (bits >>> (8 * (i - low))) & 0xff : 0;
            if (h != t)
            {
                return h < t;
            }
        }
        return true;
    }
}
