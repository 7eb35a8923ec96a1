package io.dashcast.sim;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.message.BlockTxnFlyweight;
import io.dashcast.protocol.message.CmpctBlockFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.HashMap;
import java.util.Map;

/**
 * A block being rebuilt from a {@code cmpctblock}, as Dash Core's {@code PartiallyDownloadedBlock}
 * ({@code src/blockencodings.cpp}) does it: prefilled transactions placed, every other slot
 * matched by short id against the mempool, the gaps filled from a {@code blocktxn}, then the
 * merkle root checked before the block is handed to full validation.
 */
final class PartialBlock
{
    /** Dash Core's MIN_TRANSACTION_SIZE: an empty transaction (version, two counts, lock time). */
    private static final int MIN_TRANSACTION_SIZE = 10;

    /** What {@link #init} and {@link #fill} report, as Dash Core's {@code ReadStatus}. */
    enum Status
    {
        /** Ready (or, from init, waiting for the missing transactions). */
        OK,
        /** Bogus: the peer misbehaved (100 points). */
        INVALID,
        /** Possibly a short-id collision: fall back to asking for the full block. */
        FAILED
    }

    final HashKey key;
    private final byte[] header = new byte[BlockView.HEADER_LENGTH];
    private byte[][] txs;
    private int missing;

    PartialBlock(final HashKey key)
    {
        this.key = key;
    }

    /**
     * InitData: place the prefilled transactions and look the rest up in the mempool.
     */
    Status init(final CmpctBlockFlyweight cmpct, final SimMempool mempool, final int maxBlockSizeBytes)
    {
        if (!cmpct.indexesValid() || cmpct.transactionCount() > maxBlockSizeBytes / MIN_TRANSACTION_SIZE)
        {
            return Status.INVALID;
        }
        final DirectBuffer buffer = cmpct.buffer();
        buffer.getBytes(cmpct.headerOffset(), header);
        txs = new byte[cmpct.transactionCount()][];
        for (int i = 0; i < cmpct.prefilledCount(); i++)
        {
            final byte[] tx = new byte[cmpct.prefilledLength(i)];
            buffer.getBytes(cmpct.prefilledOffset(i), tx);
            txs[cmpct.prefilledIndex(i)] = tx;
        }
        final Map<Long, Integer> slots = new HashMap<>();
        int slot = 0;
        for (int i = 0; i < cmpct.shortIdCount(); i++)
        {
            while (txs[slot] != null)
            {
                slot++;
            }
            if (slots.put(cmpct.shortId(i), slot++) != null)
            {
                return Status.FAILED; // two transactions of the block share a short id
            }
        }
        final ShortIds ids = new ShortIds().keys(buffer, cmpct.headerOffset());
        final boolean[] fromMempool = new boolean[txs.length];
        for (final SimMempool.Entry e : mempool.entries())
        {
            final Integer at = slots.get(ids.shortId(e.txid, 0));
            if (at == null)
            {
                continue;
            }
            if (!fromMempool[at])
            {
                txs[at] = e.tx;
                fromMempool[at] = true;
            }
            else
            {
                txs[at] = null; // two mempool transactions match: ask for it rather than guess
            }
        }
        missing = 0;
        for (final byte[] tx : txs)
        {
            missing += tx == null ? 1 : 0;
        }
        return Status.OK;
    }

    /**
     * @return number of transactions neither prefilled nor found in the mempool.
     */
    int missingCount()
    {
        return missing;
    }

    /**
     * @return indexes of the missing transactions, increasing.
     */
    int[] missingIndexes()
    {
        final int[] indexes = new int[missing];
        int n = 0;
        for (int i = 0; i < txs.length; i++)
        {
            if (txs[i] == null)
            {
                indexes[n++] = i;
            }
        }
        return indexes;
    }

    /**
     * FillBlock: put the received transactions in the gaps, in order, and serialize the block.
     *
     * @param blockTxn the answer to our {@code getblocktxn}, or null when nothing was missing.
     * @param out      receives the block bytes when the status is OK.
     * @param lengthOut one-element array receiving the block length.
     * @param validator checks the merkle root (a mismatch may be a short-id collision: FAILED).
     */
    Status fill(
        final BlockTxnFlyweight blockTxn, final ExpandableArrayBuffer out, final int[] lengthOut,
        final BlockValidator validator)
    {
        final int received = blockTxn == null ? 0 : blockTxn.count();
        if (received != missing)
        {
            return Status.INVALID;
        }
        out.putBytes(0, header);
        int position = BlockView.HEADER_LENGTH + VarInt.write(out, BlockView.HEADER_LENGTH, txs.length);
        int next = 0;
        for (final byte[] tx : txs)
        {
            if (tx != null)
            {
                out.putBytes(position, tx);
                position += tx.length;
            }
            else
            {
                final int length = blockTxn.transactionLength(next);
                out.putBytes(position, blockTxn.buffer(), blockTxn.transactionOffset(next++), length);
                position += length;
            }
        }
        lengthOut[0] = position;
        if (position > Network.MAX_PROTOCOL_MESSAGE_LENGTH || !validator.merkleRootMatches(out, 0, position))
        {
            return Status.FAILED;
        }
        return Status.OK;
    }
}
