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

    /** Transactions per subtree of {@link #hashSubtree}: 2 to the {@link #SUBTREE_HEIGHT}. */
    public static final int SUBTREE_LEAVES = 64;
    /** Levels of a subtree. */
    public static final int SUBTREE_HEIGHT = 6;
    /** Scratch bytes a thread lends {@link #hashSubtree}. */
    public static final int SUBTREE_SCRATCH_BYTES = (SUBTREE_LEAVES + 1) * 32;

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
    private byte[] subtreeRoots = new byte[2 * Sha256d.HASH_LENGTH];
    private boolean txidsKnown;
    private final UnsafeBuffer merkleBuffer = new UnsafeBuffer(merkleScratch);

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
        final byte[] ids = txids;
        for (int i = 0; i < txCount; i++)
        {
            txid(i, sha256d, ids, i * Sha256d.HASH_LENGTH);
        }
        txidsKnown = true;
        System.arraycopy(ids, 0, merkleScratch, 0, txCount * Sha256d.HASH_LENGTH);
        reduce(merkleScratch, merkleBuffer, txCount, 0, sha256d);
        System.arraycopy(merkleScratch, 0, dst, dstOffset, Sha256d.HASH_LENGTH);
    }

    /**
     * @return subtrees of {@link #SUBTREE_LEAVES} transactions (the last may have fewer) that
     * {@link #hashSubtree} hashes one at a time.
     */
    public int subtreeCount()
    {
        return (txCount + SUBTREE_LEAVES - 1) / SUBTREE_LEAVES;
    }

    /**
     * Hash one aligned subtree of the merkle tree: the txids of its transactions (kept, see
     * {@link #knownTxids}) and their root at height 6. The merkle root is then the tree over the
     * subtree roots ({@link #merkleRootOfSubtrees}); with Dash's rule (an odd level repeats its last
     * hash) that is the same root as {@link #computeMerkleRoot}: every subtree but the last is full,
     * and the last one, computed alone and then paired with itself up to height 6, takes exactly the
     * repeats the whole tree would. Threads may hash distinct subtrees of one wrap at once, each with
     * its own hasher and scratch; whoever then calls {@link #merkleRootOfSubtrees} must have seen every
     * subtree finish (a volatile or atomic hand-over).
     *
     * @param subtree       index, 0 to {@link #subtreeCount()} - 1.
     * @param sha256d       this thread's hasher.
     * @param scratch       this thread's {@link #SUBTREE_SCRATCH_BYTES} bytes.
     * @param scratchBuffer a buffer wrapping {@code scratch}.
     */
    public void hashSubtree(final int subtree, final Sha256d sha256d, final byte[] scratch, final UnsafeBuffer scratchBuffer)
    {
        final int from = subtree * SUBTREE_LEAVES;
        final int to = Math.min(txCount, from + SUBTREE_LEAVES);
        final byte[] ids = txids;
        for (int i = from; i < to; i++)
        {
            txid(i, sha256d, ids, i * Sha256d.HASH_LENGTH);
        }
        System.arraycopy(ids, from * Sha256d.HASH_LENGTH, scratch, 0, (to - from) * Sha256d.HASH_LENGTH);
        // A block of one subtree has its root at its own height; otherwise every subtree root is at 6.
        reduce(scratch, scratchBuffer, to - from, txCount > SUBTREE_LEAVES ? SUBTREE_HEIGHT : 0, sha256d);
        System.arraycopy(scratch, 0, subtreeRoots, subtree * Sha256d.HASH_LENGTH, Sha256d.HASH_LENGTH);
    }

    /**
     * The merkle root over the roots {@link #hashSubtree} wrote for every subtree of this wrap; the
     * txids they hashed become {@link #knownTxids}.
     *
     * @param sha256d   hasher.
     * @param dst       where the 32 bytes go (internal order).
     * @param dstOffset offset in {@code dst}.
     */
    public void merkleRootOfSubtrees(final Sha256d sha256d, final byte[] dst, final int dstOffset)
    {
        final int count = subtreeCount();
        txidsKnown = true;
        System.arraycopy(subtreeRoots, 0, merkleScratch, 0, count * Sha256d.HASH_LENGTH);
        reduce(merkleScratch, merkleBuffer, count, 0, sha256d);
        System.arraycopy(merkleScratch, 0, dst, dstOffset, Sha256d.HASH_LENGTH);
    }

    /**
     * Reduce {@code width} hashes at the start of {@code level} to their merkle root at
     * {@code level[0..32)}, repeating an odd level's last hash; then pair the root with itself until
     * it stands at {@code minHeight} levels above the leaves. {@code level} has room for one more
     * hash than {@code width}.
     */
    private static void reduce(
        final byte[] level, final UnsafeBuffer levelBuffer, final int start, final int minHeight, final Sha256d sha256d)
    {
        int width = start;
        int height = 0;
        while (width > 1 || height < minHeight)
        {
            if ((width & 1) == 1)
            {
                System.arraycopy(level, (width - 1) * 32, level, width * 32, 32);
                width++;
            }
            for (int i = 0; i < width / 2; i++)
            {
                // In place: pair i is read whole before its hash lands at i * 32, below unread pairs.
                sha256d.hash(levelBuffer, i * 64, 64, level, i * 32);
            }
            width /= 2;
            height++;
        }
    }

    /**
     * The txids the last merkle root of this wrap ({@link #computeMerkleRoot},
     * {@link #merkleRootMatches} or {@link #merkleRootOfSubtrees}) hashed, kept so a compact block's short ids need no second pass over the transactions.
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
        return merkleRootIs(scratch);
    }

    /**
     * @param root 32 bytes (internal order), e.g. from {@link #merkleRootOfSubtrees}.
     * @return true when they are the header's merkle root.
     */
    public boolean merkleRootIs(final byte[] root)
    {
        for (int i = 0; i < Sha256d.HASH_LENGTH; i++)
        {
            if (root[i] != buffer.getByte(offset + MERKLE_ROOT_OFFSET + i))
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
        final int subtreeBytes = ((count + SUBTREE_LEAVES - 1) / SUBTREE_LEAVES + 1) * Sha256d.HASH_LENGTH;
        if (subtreeBytes > subtreeRoots.length)
        {
            subtreeRoots = new byte[Math.max(subtreeBytes, subtreeRoots.length * 2)];
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
