package io.dashcast.sim;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.X11;
import org.agrona.DirectBuffer;

import java.util.HashSet;
import java.util.Set;

import static io.dashcast.protocol.BlockView.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Dash Core's context-free block checks, in its order ({@code CheckBlock} in
 * {@code src/validation.cpp}, v22.1.1): deserialize, proof of work, merkle root and duplicate
 * transactions, size, coinbase, per-transaction basics. Contextual rules (parent, time, bits,
 * BIP34 height) need the chain and live in {@link SimNodeProtocol}.
 * <p>
 * Not checked, as the sim has no UTXO set or masternode list: scripts, amounts against inputs,
 * sigops, CbTx/special transactions, ChainLocks. Not thread safe; one per node thread.
 */
final class BlockValidator
{
    private static final int MAX_TX_SIZE = 1_000_000;
    private static final int MIN_TX_LENGTH = 10;

    private final BlockView blockView = new BlockView();
    private final X11 x11 = new X11();
    private final Sha256d sha256d = new Sha256d();
    private final byte[] scratch = new byte[32];
    private final boolean checkProofOfWork;
    private final int maxBlockSizeBytes;

    BlockValidator(final boolean checkProofOfWork, final int maxBlockSizeBytes)
    {
        this.checkProofOfWork = checkProofOfWork;
        this.maxBlockSizeBytes = maxBlockSizeBytes;
    }

    /**
     * Hash a block's header (needs at least 80 bytes).
     */
    void hash(final DirectBuffer buffer, final int offset, final byte[] dst)
    {
        x11.hash(buffer, offset, HEADER_LENGTH, dst, 0);
    }

    /**
     * @param buffer holding the payload of a {@code block} message.
     * @param offset of the payload.
     * @param length of the payload.
     * @param hash   receives the block hash (zeros when the payload is shorter than a header).
     * @return null when the block passes, else the verdict.
     */
    BlockVerdict check(final DirectBuffer buffer, final int offset, final int length, final byte[] hash)
    {
        if (length < HEADER_LENGTH + 1)
        {
            return BlockVerdict.MALFORMED;
        }
        hash(buffer, offset, hash);
        final int end;
        final long count;
        try
        {
            count = VarInt.read(buffer, offset + HEADER_LENGTH, offset + length, (length - HEADER_LENGTH) / MIN_TX_LENGTH + 1);
            end = blockEnd(buffer, offset, length, count);
        }
        catch (final ProtocolException ex)
        {
            return BlockVerdict.MALFORMED;
        }
        if (checkProofOfWork && !TestBlocks.meetsTarget(hash, bitsOf(buffer, offset)))
        {
            return BlockVerdict.HIGH_HASH;
        }
        if (checkProofOfWork && TestBlocks.target(bitsOf(buffer, offset)).compareTo(TestBlocks.target(TestBlocks.REGTEST_BITS)) > 0)
        {
            return BlockVerdict.HIGH_HASH;
        }
        if (count == 0)
        {
            return BlockVerdict.BAD_BLOCK_LENGTH;
        }
        // Dash Core ignores bytes after the block in the message; so does the sim.
        blockView.wrap(buffer, offset, end - offset);
        if (!blockView.merkleRootMatches(sha256d, scratch))
        {
            return BlockVerdict.BAD_MERKLE_ROOT;
        }
        if (hasDuplicateTransactions())
        {
            return BlockVerdict.DUPLICATE_TRANSACTIONS;
        }
        if (end - offset > maxBlockSizeBytes)
        {
            return BlockVerdict.BAD_BLOCK_LENGTH;
        }
        return checkTransactions();
    }

    /**
     * @return true when the coinbase scriptSig of the block last checked starts with {@code expected}.
     */
    boolean coinbaseStartsWith(final byte[] expected)
    {
        final DirectBuffer buffer = blockView.buffer();
        int p = blockView.transactionOffset(0) + 4;
        p += VarInt.encodedLength(buffer, p) + 36;
        final int scriptLength = (int)VarInt.read(buffer, p, p + 9, MAX_TX_SIZE);
        p += VarInt.encodedLength(buffer, p);
        if (scriptLength < expected.length)
        {
            return false;
        }
        for (int i = 0; i < expected.length; i++)
        {
            if (buffer.getByte(p + i) != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * FillBlock's CheckBlock for a rebuilt compact block: false when the bytes are not one block
     * whose transactions hash to its header's merkle root without duplicates (a wrong transaction
     * from a short-id collision, which Dash Core treats as a possible collision, not misbehaviour).
     */
    boolean merkleRootMatches(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            blockView.wrap(buffer, offset, length);
        }
        catch (final ProtocolException ex)
        {
            return false;
        }
        return blockView.merkleRootMatches(sha256d, scratch) && !hasDuplicateTransactions();
    }

    /**
     * @return the block last checked.
     */
    BlockView view()
    {
        return blockView;
    }

    /**
     * @return serialized length of the block last checked, trailing message bytes excluded.
     */
    int blockLength()
    {
        return blockView.length();
    }

    private static int blockEnd(final DirectBuffer buffer, final int offset, final int length, final long count)
    {
        final int limit = offset + length;
        int position = offset + HEADER_LENGTH + VarInt.encodedLength(buffer, offset + HEADER_LENGTH);
        for (long i = 0; i < count; i++)
        {
            position = BlockView.transactionEnd(buffer, position, limit);
        }
        return position;
    }

    private boolean hasDuplicateTransactions()
    {
        final int n = blockView.transactionCount();
        if (n < 2)
        {
            return false;
        }
        final Set<HashKey> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++)
        {
            final byte[] txid = new byte[32];
            blockView.txid(i, sha256d, txid, 0);
            if (!seen.add(new HashKey(txid)))
            {
                return true;
            }
        }
        return false;
    }

    private BlockVerdict checkTransactions()
    {
        final int n = blockView.transactionCount();
        for (int i = 0; i < n; i++)
        {
            final BlockVerdict verdict = checkTransaction(i);
            if (verdict != null)
            {
                return verdict;
            }
        }
        return null;
    }

    /**
     * Coinbase placement ({@code bad-cb-missing}, {@code bad-cb-multiple}) and the parts of
     * {@code CheckTransaction} that need no context.
     */
    private BlockVerdict checkTransaction(final int index)
    {
        final DirectBuffer buffer = blockView.buffer();
        final int start = blockView.transactionOffset(index);
        final int limit = start + blockView.transactionLength(index);
        if (blockView.transactionLength(index) > MAX_TX_SIZE)
        {
            return BlockVerdict.BAD_TRANSACTION;
        }
        int p = start + 4;
        final long inputs = VarInt.read(buffer, p, limit, MAX_TX_SIZE);
        p += VarInt.encodedLength(buffer, p);
        boolean anyNullPrevout = false;
        int firstScriptLength = -1;
        for (long i = 0; i < inputs; i++)
        {
            final boolean nullPrevout = isNullPrevout(buffer, p);
            anyNullPrevout |= nullPrevout;
            p += 36;
            final int scriptLength = (int)VarInt.read(buffer, p, limit, MAX_TX_SIZE);
            firstScriptLength = firstScriptLength < 0 ? scriptLength : firstScriptLength;
            p += VarInt.encodedLength(buffer, p) + scriptLength + 4;
        }
        final long outputs = VarInt.read(buffer, p, limit, MAX_TX_SIZE);
        // Quorum commitments (DIP6, type 6) legitimately have neither inputs nor outputs.
        final boolean emptyAllowed = blockView.transactionVersion(index) >= 3 && blockView.transactionType(index) == 6;
        if ((inputs == 0 || outputs == 0) && !emptyAllowed)
        {
            return index == 0 ? BlockVerdict.BAD_COINBASE : BlockVerdict.BAD_TRANSACTION;
        }
        final boolean coinbase = inputs == 1 && anyNullPrevout;
        if (emptyAllowed && inputs == 0)
        {
            return index == 0 ? BlockVerdict.BAD_COINBASE : null;
        }
        if (index == 0)
        {
            return !coinbase || firstScriptLength < 2 || firstScriptLength > 100 ? BlockVerdict.BAD_COINBASE : null;
        }
        if (coinbase)
        {
            return BlockVerdict.BAD_COINBASE;
        }
        return anyNullPrevout ? BlockVerdict.BAD_TRANSACTION : null;
    }

    private static boolean isNullPrevout(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < 32; i += 8)
        {
            if (buffer.getLong(offset + i) != 0)
            {
                return false;
            }
        }
        return buffer.getInt(offset + 32, LITTLE_ENDIAN) == -1;
    }

    private static long bitsOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + BlockView.BITS_OFFSET, LITTLE_ENDIAN) & 0xffff_ffffL;
    }
}
