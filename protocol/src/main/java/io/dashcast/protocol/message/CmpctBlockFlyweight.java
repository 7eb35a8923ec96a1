package io.dashcast.protocol.message;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code cmpctblock} (BIP152 {@code CBlockHeaderAndShortTxIDs}, version 1 as Dash
 * Core serializes it in {@code src/blockencodings.h}).
 * <pre>
 *  +--------------------+-------------+---------------------------------+
 *  | block header (80)  | nonce u64LE | varint n, n x short id (6, LE)  |
 *  +--------------------+-------------+---------------------------------+
 *  | varint p, p x ( varint index delta | transaction )                 |
 *  +--------------------------------------------------------------------+
 * </pre>
 * A prefilled index is coded as the distance from the previous prefilled index plus one, so the
 * first is its absolute index. Deserialization, as Dash Core's, refuses a delta above 65,535 and a
 * block of more than 65,535 transactions ({@link #wrap}); the reconstruction rules that make Dash
 * Core score a compact block as invalid are {@link #indexesValid()}.
 * <p>
 * Offsets of the prefilled transactions are kept in arrays that grow only when a message has more
 * than any seen before. Not thread safe.
 */
public final class CmpctBlockFlyweight
{
    public static final int HEADER_OFFSET = 0;
    public static final int NONCE_OFFSET = BlockView.HEADER_LENGTH;
    public static final int SHORT_IDS_COUNT_OFFSET = NONCE_OFFSET + 8;
    /** Largest transaction count and index a compact block can express. */
    public static final int MAX_INDEX = 0xffff;
    /** Smallest serialized transaction: version, two empty counts, lock time. */
    private static final int MIN_TX_LENGTH = 10;

    private DirectBuffer buffer;
    private int offset;
    private int shortIdsOffset;
    private int shortIdCount;
    private int prefilledCount;
    private int[] prefilledIndexes = new int[4];
    private int[] prefilledOffsets = new int[4];
    private int[] prefilledLengths = new int[4];

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     * @throws ProtocolException when the payload is not one well-formed compact block.
     */
    public CmpctBlockFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + length;
        PayloadBounds.require("cmpctblock", length, SHORT_IDS_COUNT_OFFSET + 1);
        int position = offset + SHORT_IDS_COUNT_OFFSET;
        final long n = VarInt.read(buffer, position, limit, MAX_INDEX);
        position += VarInt.encodedLength(buffer, position);
        PayloadBounds.require("cmpctblock short ids", limit - position, (int)n * ShortIds.LENGTH);
        final int idsOffset = position;
        position += (int)n * ShortIds.LENGTH;
        final long p = VarInt.read(buffer, position, limit, MAX_INDEX);
        position += VarInt.encodedLength(buffer, position);
        if (p * (1 + MIN_TX_LENGTH) > limit - position)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD,
                "cmpctblock of " + p + " prefilled transactions in " + (limit - position) + " bytes");
        }
        if (n + p > MAX_INDEX)
        {
            throw new ProtocolException(ProtocolError.OVERSIZED_FIELD, "cmpctblock of " + (n + p) + " transactions");
        }
        ensureCapacity((int)p);
        long index = -1;
        for (int i = 0; i < p; i++)
        {
            final long delta = VarInt.read(buffer, position, limit, MAX_INDEX);
            position += VarInt.encodedLength(buffer, position);
            index += delta + 1;
            final int end = BlockView.transactionEnd(buffer, position, limit);
            prefilledIndexes[i] = (int)Math.min(index, Integer.MAX_VALUE);
            prefilledOffsets[i] = position;
            prefilledLengths[i] = end - position;
            position = end;
        }
        if (position != limit)
        {
            throw new ProtocolException(ProtocolError.TRAILING_BYTES, "cmpctblock followed by " + (limit - position));
        }
        this.buffer = buffer;
        this.offset = offset;
        this.shortIdsOffset = idsOffset;
        this.shortIdCount = (int)n;
        this.prefilledCount = (int)p;
        return this;
    }

    /**
     * Dash Core's {@code PartiallyDownloadedBlock::InitData} checks that make a compact block
     * invalid (scored 100): no transactions at all, or a prefilled index past 65,535 or past the
     * transactions the message accounts for so far.
     *
     * @return true when every prefilled index lands inside the block.
     */
    public boolean indexesValid()
    {
        if (shortIdCount == 0 && prefilledCount == 0)
        {
            return false;
        }
        for (int i = 0; i < prefilledCount; i++)
        {
            final int index = prefilledIndexes[i];
            if (index > MAX_INDEX || index > shortIdCount + i)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return offset of the 80-byte header in the wrapped buffer.
     */
    public int headerOffset()
    {
        return offset + HEADER_OFFSET;
    }

    /**
     * @return the nonce that keys the short ids.
     */
    public long nonce()
    {
        return buffer.getLong(offset + NONCE_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return number of short ids.
     */
    public int shortIdCount()
    {
        return shortIdCount;
    }

    /**
     * @param index short id, in message order.
     * @return the 48-bit short id.
     */
    public long shortId(final int index)
    {
        if (index < 0 || index >= shortIdCount)
        {
            throw new IndexOutOfBoundsException("short id " + index + " of " + shortIdCount);
        }
        return getShortId(buffer, shortIdsOffset + index * ShortIds.LENGTH);
    }

    /**
     * @return number of prefilled transactions.
     */
    public int prefilledCount()
    {
        return prefilledCount;
    }

    /**
     * @param i prefilled entry.
     * @return its absolute index in the block (differential coding undone).
     */
    public int prefilledIndex(final int i)
    {
        checkPrefilled(i);
        return prefilledIndexes[i];
    }

    /**
     * @param i prefilled entry.
     * @return offset of its transaction in the wrapped buffer.
     */
    public int prefilledOffset(final int i)
    {
        checkPrefilled(i);
        return prefilledOffsets[i];
    }

    /**
     * @param i prefilled entry.
     * @return bytes of its transaction.
     */
    public int prefilledLength(final int i)
    {
        checkPrefilled(i);
        return prefilledLengths[i];
    }

    /**
     * @return transactions in the block: short ids plus prefilled.
     */
    public int transactionCount()
    {
        return shortIdCount + prefilledCount;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Exact encoded length of {@link #encode} for a block.
     *
     * @param block a wrapped block.
     * @return bytes, or -1 when the block has more transactions than a compact block can carry.
     */
    public static int encodedLength(final BlockView block)
    {
        final int n = block.transactionCount();
        if (n > MAX_INDEX)
        {
            return -1;
        }
        return SHORT_IDS_COUNT_OFFSET + VarInt.sizeOf(n - 1) + (n - 1) * ShortIds.LENGTH + 1 + 1 +
            block.transactionLength(0);
    }

    /**
     * Encode a block as Dash Core does: every transaction but the coinbase by short id, the
     * coinbase prefilled at index 0.
     *
     * @param dst    to write into ({@link #encodedLength} bytes).
     * @param offset of the payload.
     * @param block  a wrapped block.
     * @param nonce  keys the short ids together with the header.
     * @param ids    short id hasher; left keyed for this header and nonce.
     * @return bytes written, or -1 when the block has more transactions than a compact block can carry.
     */
    public static int encode(
        final MutableDirectBuffer dst, final int offset, final BlockView block, final long nonce, final ShortIds ids)
    {
        return encode(dst, offset, block, nonce, ids, null);
    }

    /**
     * {@link #encode(MutableDirectBuffer, int, BlockView, long, ShortIds)} with the txids already
     * known (the merkle pass of the validation gate hashed every transaction): short ids with no
     * second pass of SHA-256 over the block.
     *
     * @param dst    to write into ({@link #encodedLength} bytes).
     * @param offset of the payload.
     * @param block  a wrapped block.
     * @param nonce  keys the short ids together with the header.
     * @param ids    short id hasher; left keyed for this header and nonce.
     * @param txids  32 bytes per transaction of this block in order ({@link BlockView#knownTxids}), or
     *               null to hash each transaction here.
     * @return bytes written, or -1 when the block has more transactions than a compact block can carry.
     */
    public static int encode(
        final MutableDirectBuffer dst, final int offset, final BlockView block, final long nonce, final ShortIds ids,
        final byte[] txids)
    {
        final int n = block.transactionCount();
        if (n > MAX_INDEX)
        {
            return -1;
        }
        final DirectBuffer src = block.buffer();
        dst.putBytes(offset + HEADER_OFFSET, src, block.offset(), BlockView.HEADER_LENGTH);
        dst.putLong(offset + NONCE_OFFSET, nonce, LITTLE_ENDIAN);
        ids.keys(dst, offset);
        int position = offset + SHORT_IDS_COUNT_OFFSET;
        position += VarInt.write(dst, position, n - 1);
        for (int i = 1; i < n; i++)
        {
            final long id = txids != null ? ids.shortId(txids, i * Sha256d.HASH_LENGTH) :
                ids.shortIdOfTransaction(src, block.transactionOffset(i), block.transactionLength(i));
            putShortId(dst, position, id);
            position += ShortIds.LENGTH;
        }
        position += VarInt.write(dst, position, 1);
        position += VarInt.write(dst, position, 0);
        final int coinbaseLength = block.transactionLength(0);
        dst.putBytes(position, src, block.transactionOffset(0), coinbaseLength);
        return position + coinbaseLength - offset;
    }

    /**
     * @param dst    to write into.
     * @param offset of the 6 bytes.
     * @param id     48-bit short id.
     */
    public static void putShortId(final MutableDirectBuffer dst, final int offset, final long id)
    {
        dst.putInt(offset, (int)id, LITTLE_ENDIAN);
        dst.putShort(offset + 4, (short)(id >>> 32), LITTLE_ENDIAN);
    }

    /**
     * @param src    holding 6 bytes.
     * @param offset of the first.
     * @return the 48-bit short id.
     */
    public static long getShortId(final DirectBuffer src, final int offset)
    {
        return (src.getInt(offset, LITTLE_ENDIAN) & 0xffff_ffffL) |
            (src.getShort(offset + 4, LITTLE_ENDIAN) & 0xffffL) << 32;
    }

    private void checkPrefilled(final int i)
    {
        if (i < 0 || i >= prefilledCount)
        {
            throw new IndexOutOfBoundsException("prefilled " + i + " of " + prefilledCount);
        }
    }

    private void ensureCapacity(final int count)
    {
        if (count > prefilledIndexes.length)
        {
            final int capacity = Math.max(count, prefilledIndexes.length * 2);
            prefilledIndexes = new int[capacity];
            prefilledOffsets = new int[capacity];
            prefilledLengths = new int[capacity];
        }
    }
}
