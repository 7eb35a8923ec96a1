package io.dashcast.protocol;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Walks an encoded Dash block in place: the 80-byte header, then each transaction's boundaries,
 * without copying. Dash special transactions (DIP2: signed 16-bit version 3 or more with a
 * non-zero 16-bit type, as {@code CMutableTransaction} in Dash Core {@code src/primitives/transaction.h}
 * reads them) carry an extra payload after the lock time, which is included in their bounds
 * and their txid.
 * <pre>
 *  Header (80 bytes, little-endian fields)
 *  +---------+-----------+-------------+------+------+-------+
 *  | version | prev hash | merkle root | time | bits | nonce |
 *  |   i32   |    32     |     32      | u32  | u32  |  u32  |
 *  +---------+-----------+-------------+------+------+-------+
 *  varint tx count, then per transaction:
 *  u16 version | u16 type | varint n, n x input(32 + u32 + varbytes + u32) |
 *  varint n, n x output(i64 + varbytes) | u32 lock time | [varbytes extra payload]
 * </pre>
 * {@link #wrap(DirectBuffer, int, int)} validates the structure and throws a
 * {@link ProtocolException} on truncation or trailing bytes. Offsets are kept in arrays that
 * grow only when a block has more transactions than any seen before, so steady-state use
 * allocates nothing. Not thread safe.
 */
public final class BlockView
{
    public static final int HEADER_LENGTH = 80;
    public static final int VERSION_OFFSET = 0;
    public static final int PREV_HASH_OFFSET = 4;
    public static final int MERKLE_ROOT_OFFSET = 36;
    public static final int TIME_OFFSET = 68;
    public static final int BITS_OFFSET = 72;
    public static final int NONCE_OFFSET = 76;

    /** Smallest transaction: version, no inputs/outputs counts (1+1), lock time. */
    private static final int MIN_TX_LENGTH = 10;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int txCount;
    private int[] txOffsets = new int[64];
    private int[] txLengths = new int[64];
    private byte[] merkleScratch = new byte[64 * Sha256d.HASH_LENGTH];
    private byte[] txids = new byte[64 * Sha256d.HASH_LENGTH];
    private boolean txidsKnown;
    private final UnsafeBuffer merkleBuffer = new UnsafeBuffer(merkleScratch);
    private final UnsafeBuffer pairBuffer = new UnsafeBuffer(new byte[0]);

    /**
     * Wrap and walk an encoded block occupying exactly {@code length} bytes.
     *
     * @param buffer holding the block.
     * @param offset of its first header byte.
     * @param length bytes of the block.
     * @return this.
     * @throws ProtocolException when the bytes are not exactly one well-formed block.
     */
    public BlockView wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.txCount = 0;
        this.txidsKnown = false;
        if (length < HEADER_LENGTH + 1)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD, "block of " + length + " bytes");
        }
        final int limit = offset + length;
        int position = offset + HEADER_LENGTH;
        final long count = readCount(buffer, position, limit, MIN_TX_LENGTH);
        position += VarInt.encodedLength(buffer, position);
        if (count == 0)
        {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "block without transactions");
        }
        ensureCapacity((int)count);
        for (int i = 0; i < count; i++)
        {
            final int end = transactionEnd(buffer, position, limit);
            txOffsets[i] = position;
            txLengths[i] = end - position;
            position = end;
        }
        txCount = (int)count;
        if (position != limit)
        {
            throw new ProtocolException(ProtocolError.TRAILING_BYTES, (limit - position) + " bytes after the last tx");
        }
        return this;
    }

    /**
     * Find where a transaction starting at {@code position} ends.
     *
     * @param buffer   holding it.
     * @param position its first byte.
     * @param limit    first byte that may not be read.
     * @return offset just past the transaction.
     * @throws ProtocolException when it runs past {@code limit} or holds impossible counts.
     */
    public static int transactionEnd(final DirectBuffer buffer, final int position, final int limit)
    {
        int p = position;
        require(p, 4, limit);
        // Dash Core holds the version as int16_t: 0x8000 and above are negative, so never special.
        final short version = buffer.getShort(p, LITTLE_ENDIAN);
        final int type = buffer.getShort(p + 2, LITTLE_ENDIAN) & 0xffff;
        p += 4;
        final long inputs = readCount(buffer, p, limit, 41);
        p += VarInt.encodedLength(buffer, p);
        for (long i = 0; i < inputs; i++)
        {
            require(p, 36, limit);
            p = skipVarBytes(buffer, p + 36, limit);
            require(p, 4, limit);
            p += 4;
        }
        final long outputs = readCount(buffer, p, limit, 9);
        p += VarInt.encodedLength(buffer, p);
        for (long i = 0; i < outputs; i++)
        {
            require(p, 8, limit);
            p = skipVarBytes(buffer, p + 8, limit);
        }
        require(p, 4, limit);
        p += 4;
        if (version >= 3 && type != 0)
        {
            p = skipVarBytes(buffer, p, limit);
        }
        return p;
    }

    /**
     * @return wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the header in the buffer.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return total bytes of the block.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the header's block version.
     */
    public int version()
    {
        return buffer.getInt(offset + VERSION_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the header's time, seconds since the epoch.
     */
    public long time()
    {
        return buffer.getInt(offset + TIME_OFFSET, LITTLE_ENDIAN) & 0xffff_ffffL;
    }

    /**
     * @return the header's compact difficulty target.
     */
    public long bits()
    {
        return buffer.getInt(offset + BITS_OFFSET, LITTLE_ENDIAN) & 0xffff_ffffL;
    }

    /**
     * @return the header's nonce.
     */
    public long nonce()
    {
        return buffer.getInt(offset + NONCE_OFFSET, LITTLE_ENDIAN) & 0xffff_ffffL;
    }

    /**
     * @param dst       where 32 bytes of the previous block hash go (internal order).
     * @param dstOffset offset in {@code dst}.
     */
    public void prevHash(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + PREV_HASH_OFFSET, dst, dstOffset, Sha256d.HASH_LENGTH);
    }

    /**
     * @param dst       where the 32-byte merkle root from the header goes (internal order).
     * @param dstOffset offset in {@code dst}.
     */
    public void merkleRoot(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + MERKLE_ROOT_OFFSET, dst, dstOffset, Sha256d.HASH_LENGTH);
    }

    /**
     * The block hash: X11 of the 80-byte header.
     *
     * @param x11       hasher.
     * @param dst       where the 32 bytes go (internal order).
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(final X11 x11, final byte[] dst, final int dstOffset)
    {
        x11.hash(buffer, offset, HEADER_LENGTH, dst, dstOffset);
    }

    /**
     * @return number of transactions.
     */
    public int transactionCount()
    {
        return txCount;
    }

    /**
     * @param index transaction index.
     * @return offset of its first byte in the buffer.
     */
    public int transactionOffset(final int index)
    {
        return txOffsets[checkIndex(index)];
    }

    /**
     * @param index transaction index.
     * @return its length in bytes, extra payload included.
     */
    public int transactionLength(final int index)
    {
        return txLengths[checkIndex(index)];
    }

    /**
     * @param index transaction index.
     * @return the 16-bit transaction version, unsigned (Dash Core reads it as int16_t: values of
     *     0x8000 and above are negative there and never mark a special transaction).
     */
    public int transactionVersion(final int index)
    {
        return buffer.getShort(transactionOffset(index), LITTLE_ENDIAN) & 0xffff;
    }

    /**
     * @param index transaction index.
     * @return the 16-bit special transaction type (0 for a classic transaction).
     */
    public int transactionType(final int index)
    {
        return buffer.getShort(transactionOffset(index) + 2, LITTLE_ENDIAN) & 0xffff;
    }

    /**
     * The txid: SHA256d of the whole transaction.
     *
     * @param index     transaction index.
     * @param sha256d   hasher.
     * @param dst       where the 32 bytes go (internal order).
     * @param dstOffset offset in {@code dst}.
     */
    public void txid(final int index, final Sha256d sha256d, final byte[] dst, final int dstOffset)
    {
        sha256d.hash(buffer, transactionOffset(index), transactionLength(index), dst, dstOffset);
    }

    /**
     * Merkle root of the transactions (Bitcoin rules: an odd level duplicates its last hash).
     *
     * @param sha256d   hasher.
     * @param dst       where the 32 bytes go (internal order).
     * @param dstOffset offset in {@code dst}.
     */
    public void computeMerkleRoot(final Sha256d sha256d, final byte[] dst, final int dstOffset)
    {
        final byte[] level = merkleScratch;
        for (int i = 0; i < txCount; i++)
        {
            txid(i, sha256d, txids, i * Sha256d.HASH_LENGTH);
        }
        txidsKnown = true;
        System.arraycopy(txids, 0, level, 0, txCount * Sha256d.HASH_LENGTH);
        int width = txCount;
        while (width > 1)
        {
            if ((width & 1) == 1)
            {
                System.arraycopy(level, (width - 1) * 32, level, width * 32, 32);
                width++;
            }
            for (int i = 0; i < width / 2; i++)
            {
                pairBuffer.wrap(level, i * 64, 64);
                sha256d.hash(pairBuffer, 0, 64, merkleBuffer, i * 32);
            }
            width /= 2;
        }
        System.arraycopy(level, 0, dst, dstOffset, Sha256d.HASH_LENGTH);
    }

    /**
     * The txids the last {@link #computeMerkleRoot} (or {@link #merkleRootMatches}) of this wrap
     * hashed, kept so a compact block's short ids need no second pass over the transactions.
     *
     * @return 32 bytes per transaction in block order (internal byte order), valid until the next
     * {@link #wrap}; null when no merkle root was computed since the wrap.
     */
    public byte[] knownTxids()
    {
        return txidsKnown ? txids : null;
    }

    /**
     * @param sha256d hasher.
     * @param scratch at least 32 bytes of caller scratch.
     * @return true when the transactions hash to the header's merkle root.
     */
    public boolean merkleRootMatches(final Sha256d sha256d, final byte[] scratch)
    {
        computeMerkleRoot(sha256d, scratch, 0);
        for (int i = 0; i < Sha256d.HASH_LENGTH; i++)
        {
            if (scratch[i] != buffer.getByte(offset + MERKLE_ROOT_OFFSET + i))
            {
                return false;
            }
        }
        return true;
    }

    private int checkIndex(final int index)
    {
        if (index < 0 || index >= txCount)
        {
            throw new IndexOutOfBoundsException("tx " + index + " of " + txCount);
        }
        return index;
    }

    private void ensureCapacity(final int count)
    {
        if (count > txOffsets.length)
        {
            final int capacity = Math.max(count, txOffsets.length * 2);
            txOffsets = new int[capacity];
            txLengths = new int[capacity];
        }
        final int scratchLength = (count + 1) * Sha256d.HASH_LENGTH;
        if (scratchLength > merkleScratch.length)
        {
            merkleScratch = new byte[Math.max(scratchLength, merkleScratch.length * 2)];
            merkleBuffer.wrap(merkleScratch);
            txids = new byte[merkleScratch.length];
        }
    }

    /**
     * Read a count of items of at least {@code minItemBytes} each: a count the remaining bytes cannot
     * hold means the block was cut short, so it is reported as truncation.
     */
    private static long readCount(final DirectBuffer buffer, final int position, final int limit, final int minItemBytes)
    {
        final long n = VarInt.read(buffer, position, limit, VarInt.MAX_SIZE);
        final long available = limit - position - VarInt.encodedLength(buffer, position);
        if (n * minItemBytes > available)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD,
                "count " + n + " at " + position + " needs more than the " + available + " bytes left");
        }
        return n;
    }

    private static int skipVarBytes(final DirectBuffer buffer, final int position, final int limit)
    {
        final long n = readCount(buffer, position, limit, 1);
        final int start = position + VarInt.encodedLength(buffer, position);
        require(start, (int)n, limit);
        return start + (int)n;
    }

    private static void require(final int position, final int needed, final int limit)
    {
        if (needed < 0 || position + needed > limit || position + needed < position)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD, "need " + needed + " bytes at " + position);
        }
    }
}
