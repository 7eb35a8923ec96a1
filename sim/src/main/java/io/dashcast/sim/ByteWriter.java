package io.dashcast.sim;

import java.util.Arrays;

/**
 * A growable little-endian byte writer for building test blocks and transactions. Off the hot
 * path: the simulated node and {@link TestBlocks} use it, the broadcaster never does.
 */
final class ByteWriter
{
    private byte[] bytes;
    private int position;

    ByteWriter(final int initialCapacity)
    {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    ByteWriter u8(final int value)
    {
        ensure(1);
        bytes[position++] = (byte)value;
        return this;
    }

    ByteWriter u16(final int value)
    {
        return u8(value).u8(value >>> 8);
    }

    ByteWriter u32(final long value)
    {
        return u16((int)value).u16((int)(value >>> 16));
    }

    ByteWriter u64(final long value)
    {
        return u32(value).u32(value >>> 32);
    }

    ByteWriter varInt(final long value)
    {
        if (value < 0xfd)
        {
            return u8((int)value);
        }
        if (value <= 0xffff)
        {
            return u8(0xfd).u16((int)value);
        }
        if (value <= 0xffff_ffffL)
        {
            return u8(0xfe).u32(value);
        }
        return u8(0xff).u64(value);
    }

    ByteWriter bytes(final byte[] src)
    {
        return bytes(src, 0, src.length);
    }

    ByteWriter bytes(final byte[] src, final int offset, final int length)
    {
        ensure(length);
        System.arraycopy(src, offset, bytes, position, length);
        position += length;
        return this;
    }

    ByteWriter zeros(final int count)
    {
        ensure(count);
        position += count;
        return this;
    }

    ByteWriter varBytes(final byte[] src)
    {
        return varInt(src.length).bytes(src);
    }

    int position()
    {
        return position;
    }

    byte[] toByteArray()
    {
        return Arrays.copyOf(bytes, position);
    }

    static int varIntSize(final long value)
    {
        return value < 0xfd ? 1 : value <= 0xffff ? 3 : value <= 0xffff_ffffL ? 5 : 9;
    }

    private void ensure(final int more)
    {
        if (position + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
        }
    }
}
