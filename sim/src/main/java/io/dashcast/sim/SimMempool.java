package io.dashcast.sim;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Sha256d;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulated node's mempool: transactions a test put there, each filed under its txid, that a
 * {@code cmpctblock} can be rebuilt from (Dash Core's {@code CTxMemPool::vTxHashes}). A test may
 * also file a transaction under a txid that is not its own, which is how a short-id collision the
 * node cannot detect is staged: the wrong transaction then takes the block's place, the merkle
 * root fails and the node falls back to a full block. Node thread only.
 */
final class SimMempool
{
    private final List<Entry> entries = new ArrayList<>();
    private final Sha256d sha256d = new Sha256d();

    /**
     * @param tx serialized transaction.
     * @return its txid, internal order.
     */
    byte[] add(final byte[] tx)
    {
        final byte[] txid = new byte[32];
        sha256d.hash(new UnsafeBuffer(tx), 0, tx.length, txid, 0);
        add(tx, txid);
        return txid;
    }

    /**
     * File a transaction under a given txid (duplicates of one txid are kept: a test hook).
     */
    void add(final byte[] tx, final byte[] txid)
    {
        entries.add(new Entry(txid.clone(), tx.clone()));
    }

    int size()
    {
        return entries.size();
    }

    List<Entry> entries()
    {
        return entries;
    }

    /**
     * Drop the transactions a connected block confirmed, as Dash Core's removeForBlock does.
     */
    void removeConfirmed(final BlockView block)
    {
        if (entries.isEmpty())
        {
            return;
        }
        final Set<HashKey> confirmed = new HashSet<>();
        for (int i = 1; i < block.transactionCount(); i++)
        {
            final byte[] txid = new byte[32];
            block.txid(i, sha256d, txid, 0);
            confirmed.add(new HashKey(txid));
        }
        entries.removeIf(e -> confirmed.contains(new HashKey(e.txid)));
    }

    /**
     * One mempool transaction and the txid it is filed under.
     */
    static final class Entry
    {
        final byte[] txid;
        final byte[] tx;

        Entry(final byte[] txid, final byte[] tx)
        {
            this.txid = txid;
            this.tx = tx;
        }
    }
}
