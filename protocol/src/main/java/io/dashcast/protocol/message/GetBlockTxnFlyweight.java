package io.dashcast.protocol.message;

import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The payload of {@code getblocktxn} (BIP152 {@code BlockTransactionsRequest}): which
 * transactions of a compact block the sender lacks.
 * <pre>
 *  +---------------------------+----------+----------------------------------+
 *  | block hash (32, internal) | varint n | n x varint index delta           |
 *  +---------------------------+----------+----------------------------------+
 * </pre>
 * Each index is coded as its distance from the previous index plus one (the first absolute), so
 * indexes are strictly increasing; as in Dash Core, an index past 65,535 is refused. The absolute
 * indexes are decoded into an array that grows only for a longer request than any seen before.
 * Not thread safe.
 */
public final class GetBlockTxnFlyweight
{
    public static final int HASH_OFFSET = 0;
    public static final int COUNT_OFFSET = 32;
    /** Largest index (and, plus one, count) a request can hold. */
    public static final int MAX_INDEX = 0xffff;

    private DirectBuffer buffer;
    private int offset;
    private int count;
    private int[] indexes = new int[16];

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     * @throws ProtocolException when the payload is malformed or an index overflows 16 bits.
     */
    public GetBlockTxnFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.require("getblocktxn", length, COUNT_OFFSET + 1);
        final int limit = offset + length;
        int position = offset + COUNT_OFFSET;
        final long n = VarInt.read(buffer, position, limit, MAX_INDEX + 1);
        position += VarInt.encodedLength(buffer, position);
        PayloadBounds.require("getblocktxn indexes", limit - position, (int)n);
        ensureCapacity((int)n);
        long index = -1;
        for (int i = 0; i < n; i++)
        {
            index += VarInt.read(buffer, position, limit, MAX_INDEX) + 1;
            if (index > MAX_INDEX)
            {
                throw new ProtocolException(ProtocolError.OVERSIZED_FIELD, "getblocktxn index " + index + " > 65535");
            }
            position += VarInt.encodedLength(buffer, position);
            indexes[i] = (int)index;
        }
        if (position != limit)
        {
            throw new ProtocolException(ProtocolError.TRAILING_BYTES, "getblocktxn followed by " + (limit - position));
        }
        this.buffer = buffer;
        this.offset = offset;
        this.count = (int)n;
        return this;
    }

    /**
     * @return offset of the 32-byte block hash in the wrapped buffer.
     */
    public int hashOffset()
    {
        return offset + HASH_OFFSET;
    }

    /**
     * @return number of transactions requested.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param i entry.
     * @return absolute index of the requested transaction in the block (strictly increasing).
     */
    public int index(final int i)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("index " + i + " of " + count);
        }
        return indexes[i];
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param dst        to write into.
     * @param offset     of the payload.
     * @param hash       buffer holding the 32-byte block hash.
     * @param hashOffset of the hash.
     * @param indexes    absolute indexes, strictly increasing, each at most 65,535.
     * @param count      how many of {@code indexes} to write.
     * @return bytes written.
     */
    public static int encode(
        final MutableDirectBuffer dst, final int offset, final DirectBuffer hash, final int hashOffset,
        final int[] indexes, final int count)
    {
        dst.putBytes(offset + HASH_OFFSET, hash, hashOffset, 32);
        int position = offset + COUNT_OFFSET;
        position += VarInt.write(dst, position, count);
        int previous = -1;
        for (int i = 0; i < count; i++)
        {
            final int index = indexes[i];
            if (index <= previous || index > MAX_INDEX)
            {
                throw new IllegalArgumentException("indexes must increase within 0..65535: " + index);
            }
            position += VarInt.write(dst, position, index - previous - 1);
            previous = index;
        }
        return position - offset;
    }

    private void ensureCapacity(final int n)
    {
        if (n > indexes.length)
        {
            indexes = new int[Math.max(n, indexes.length * 2)];
        }
    }
}
