package io.dashcast.protocol.message;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The payload of {@code blocktxn} (BIP152 {@code BlockTransactions}): the transactions a
 * {@code getblocktxn} asked for, in the order asked, serialized exactly as in the block.
 * <pre>
 *  +---------------------------+----------+-------------------------------+
 *  | block hash (32, internal) | varint n | n x transaction               |
 *  +---------------------------+----------+-------------------------------+
 * </pre>
 * A sender that holds the block can write the hash and count from {@link #encodePrefix} and then
 * the transactions' byte ranges straight from the block, with no re-serialisation. Transaction
 * boundaries are kept in arrays that grow only for a longer message than any seen before. Not
 * thread safe.
 */
public final class BlockTxnFlyweight
{
    public static final int HASH_OFFSET = 0;
    public static final int COUNT_OFFSET = 32;
    /** Smallest serialized transaction: version, two empty counts, lock time. */
    private static final int MIN_TX_LENGTH = 10;

    private DirectBuffer buffer;
    private int offset;
    private int count;
    private int[] txOffsets = new int[16];
    private int[] txLengths = new int[16];

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     * @throws ProtocolException when the payload is not a hash, a count and that many transactions.
     */
    public BlockTxnFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.require("blocktxn", length, COUNT_OFFSET + 1);
        final int limit = offset + length;
        int position = offset + COUNT_OFFSET;
        final long n = VarInt.read(buffer, position, limit, GetBlockTxnFlyweight.MAX_INDEX + 1);
        position += VarInt.encodedLength(buffer, position);
        if (n * MIN_TX_LENGTH > limit - position)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD,
                "blocktxn of " + n + " transactions in " + (limit - position) + " bytes");
        }
        ensureCapacity((int)n);
        for (int i = 0; i < n; i++)
        {
            final int end = BlockView.transactionEnd(buffer, position, limit);
            txOffsets[i] = position;
            txLengths[i] = end - position;
            position = end;
        }
        if (position != limit)
        {
            throw new ProtocolException(ProtocolError.TRAILING_BYTES, "blocktxn followed by " + (limit - position));
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
     * @return number of transactions.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param i transaction.
     * @return its offset in the wrapped buffer.
     */
    public int transactionOffset(final int i)
    {
        check(i);
        return txOffsets[i];
    }

    /**
     * @param i transaction.
     * @return its length in bytes.
     */
    public int transactionLength(final int i)
    {
        check(i);
        return txLengths[i];
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param count transactions that will follow.
     * @return bytes {@link #encodePrefix} writes.
     */
    public static int prefixLength(final int count)
    {
        return COUNT_OFFSET + VarInt.sizeOf(count);
    }

    /**
     * Write the block hash and the transaction count; the transactions follow, as serialized in the block.
     *
     * @param dst        to write into.
     * @param offset     of the payload.
     * @param hash       buffer holding the 32-byte block hash.
     * @param hashOffset of the hash.
     * @param count      transactions that will follow.
     * @return bytes written.
     */
    public static int encodePrefix(
        final MutableDirectBuffer dst, final int offset, final DirectBuffer hash, final int hashOffset, final int count)
    {
        dst.putBytes(offset + HASH_OFFSET, hash, hashOffset, 32);
        return COUNT_OFFSET + VarInt.write(dst, offset + COUNT_OFFSET, count);
    }

    private void check(final int i)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("transaction " + i + " of " + count);
        }
    }

    private void ensureCapacity(final int n)
    {
        if (n > txOffsets.length)
        {
            final int capacity = Math.max(n, txOffsets.length * 2);
            txOffsets = new int[capacity];
            txLengths = new int[capacity];
        }
    }
}
