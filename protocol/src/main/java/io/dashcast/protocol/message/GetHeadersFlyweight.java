package io.dashcast.protocol.message;

import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code getheaders} (and {@code getblocks}): a block locator and a stop hash.
 * <pre>
 *  +-----------------+----------------+-------------------+------------------+
 *  | version (u32)   | varint count   | count x hash (32) | stop hash (32)   |
 *  +-----------------+----------------+-------------------+------------------+
 * </pre>
 * Count is at most MAX_LOCATOR_SZ (101).
 */
public final class GetHeadersFlyweight
{
    public static final int MAX_LOCATOR_SIZE = 101;
    public static final int HASH_LENGTH = 32;

    private DirectBuffer buffer;
    private int offset;
    private int hashesOffset;
    private int count;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public GetHeadersFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.require("getheaders", length, 5);
        final long n = VarInt.read(buffer, offset + 4, offset + length, MAX_LOCATOR_SIZE);
        final int varint = VarInt.encodedLength(buffer, offset + 4);
        PayloadBounds.exact("getheaders", length, 4 + varint + (int)(n + 1) * HASH_LENGTH);
        this.buffer = buffer;
        this.offset = offset;
        this.hashesOffset = offset + 4 + varint;
        this.count = (int)n;
        return this;
    }

    public int protocolVersion()
    {
        return buffer.getInt(offset, LITTLE_ENDIAN);
    }

    /**
     * @return number of locator hashes.
     */
    public int locatorCount()
    {
        return count;
    }

    /**
     * @param index locator entry.
     * @return offset of its 32-byte hash in the wrapped buffer.
     */
    public int locatorHashOffset(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("locator " + index + " of " + count);
        }
        return hashesOffset + index * HASH_LENGTH;
    }

    /**
     * @return offset of the stop hash in the wrapped buffer.
     */
    public int stopHashOffset()
    {
        return hashesOffset + count * HASH_LENGTH;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Encode a locator.
     *
     * @param buffer          to write into.
     * @param offset          of the payload.
     * @param protocolVersion our protocol version.
     * @param hashes          buffer holding {@code count} consecutive 32-byte hashes.
     * @param hashesOffset    offset of the first hash.
     * @param count           number of locator hashes.
     * @param stopHash        32 bytes, all zero for "as many as possible".
     * @return bytes written.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final int protocolVersion,
        final DirectBuffer hashes,
        final int hashesOffset,
        final int count,
        final byte[] stopHash)
    {
        buffer.putInt(offset, protocolVersion, LITTLE_ENDIAN);
        int position = offset + 4 + VarInt.write(buffer, offset + 4, count);
        if (count > 0)
        {
            buffer.putBytes(position, hashes, hashesOffset, count * HASH_LENGTH);
            position += count * HASH_LENGTH;
        }
        buffer.putBytes(position, stopHash, 0, HASH_LENGTH);
        return position + HASH_LENGTH - offset;
    }
}
