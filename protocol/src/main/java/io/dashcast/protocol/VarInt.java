package io.dashcast.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Bitcoin's CompactSize integer: 1, 3, 5 or 9 bytes. Reads reject non-canonical encodings and
 * values above a caller's bound, as Dash Core's {@code ReadCompactSize} does (it caps at
 * {@code MAX_SIZE} = 0x02000000).
 */
public final class VarInt
{
    /** MAX_SIZE in {@code src/serialize.h}. */
    public static final long MAX_SIZE = 0x0200_0000L;

    private VarInt()
    {
    }

    /**
     * @param value to encode.
     * @return bytes the encoding takes.
     */
    public static int sizeOf(final long value)
    {
        if (value < 0xfdL && value >= 0)
        {
            return 1;
        }
        if (value >= 0 && value <= 0xffffL)
        {
            return 3;
        }
        if (value >= 0 && value <= 0xffff_ffffL)
        {
            return 5;
        }
        return 9;
    }

    /**
     * Number of bytes the varint at {@code offset} takes, reading only its first byte.
     *
     * @param buffer holding it.
     * @param offset of its first byte.
     * @return 1, 3, 5 or 9.
     */
    public static int encodedLength(final DirectBuffer buffer, final int offset)
    {
        final int first = buffer.getByte(offset) & 0xff;
        return first < 0xfd ? 1 : first == 0xfd ? 3 : first == 0xfe ? 5 : 9;
    }

    /**
     * Read a varint bounded by {@code limit} (exclusive end of readable bytes) and {@code max}.
     *
     * @param buffer holding it.
     * @param offset of its first byte.
     * @param limit  first offset that may not be read.
     * @param max    largest value allowed.
     * @return the value.
     * @throws ProtocolException when truncated, non-canonical or above {@code max}.
     */
    public static long read(final DirectBuffer buffer, final int offset, final int limit, final long max)
    {
        final long value = readUnsigned(buffer, offset, limit);
        if (value < 0 || value > max)
        {
            throw new ProtocolException(ProtocolError.OVERSIZED_FIELD, "varint " + Long.toUnsignedString(value) +
                " > " + max + " at " + offset);
        }
        return value;
    }

    /**
     * Read a varint of any 64-bit value: canonical encoding required, no upper bound. Dash Core
     * reads the services of an {@code addrv2} entry this way ({@code CompactSizeFormatter<false>}).
     *
     * @param buffer holding it.
     * @param offset of its first byte.
     * @param limit  first offset that may not be read.
     * @return the value, to be treated as unsigned.
     * @throws ProtocolException when truncated or non-canonical.
     */
    public static long readUnsigned(final DirectBuffer buffer, final int offset, final int limit)
    {
        if (offset >= limit)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD, "varint at " + offset);
        }
        final int length = encodedLength(buffer, offset);
        if (offset + length > limit)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD, "varint at " + offset);
        }
        final long value;
        switch (length)
        {
            case 1:
                return buffer.getByte(offset) & 0xffL;
            case 3:
                value = buffer.getShort(offset + 1, LITTLE_ENDIAN) & 0xffffL;
                checkCanonical(value, 0xfdL, offset);
                return value;
            case 5:
                value = buffer.getInt(offset + 1, LITTLE_ENDIAN) & 0xffff_ffffL;
                checkCanonical(value, 0x1_0000L, offset);
                return value;
            default:
                value = buffer.getLong(offset + 1, LITTLE_ENDIAN);
                if (Long.compareUnsigned(value, 0x1_0000_0000L) < 0)
                {
                    throw new ProtocolException(ProtocolError.INVALID_FIELD, "non-canonical varint at " + offset);
                }
                return value;
        }
    }

    /**
     * Write a varint.
     *
     * @param buffer to write into.
     * @param offset of the first byte.
     * @param value  non-negative value.
     * @return bytes written.
     */
    public static int write(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        final int length = sizeOf(value);
        switch (length)
        {
            case 1:
                buffer.putByte(offset, (byte)value);
                break;
            case 3:
                buffer.putByte(offset, (byte)0xfd);
                buffer.putShort(offset + 1, (short)value, LITTLE_ENDIAN);
                break;
            case 5:
                buffer.putByte(offset, (byte)0xfe);
                buffer.putInt(offset + 1, (int)value, LITTLE_ENDIAN);
                break;
            default:
                buffer.putByte(offset, (byte)0xff);
                buffer.putLong(offset + 1, value, LITTLE_ENDIAN);
                break;
        }
        return length;
    }

    private static void checkCanonical(final long value, final long min, final int offset)
    {
        if (value < min)
        {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "non-canonical varint at " + offset);
        }
    }
}
