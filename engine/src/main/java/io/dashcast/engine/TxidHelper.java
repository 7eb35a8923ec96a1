package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Sha256d;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for the validation gate's merkle pass over a block of many transactions: the
 * producer and this thread take subtrees of {@link BlockView#SUBTREE_LEAVES} transactions from one
 * counter and hash each whole (txids and their subtree root, {@link BlockView#hashSubtree}), so a
 * big block's merkle root takes about half as long on two cores; the producer then joins the
 * subtree roots. One block at a time: a producer that finds the helper taken by another producer
 * hashes alone, as it does for a block of few transactions. The helper parks between blocks and
 * allocates nothing.
 * <p>
 * A block's claims are stamped with its epoch (high half of {@link #claims}), so a helper that
 * wakes late, after the producer finished the block alone, cannot take a subtree of the next one.
 */
final class TxidHelper implements AutoCloseable
{
    /** Below this many subtrees the wake-up costs more than the helper saves. */
    static final int MIN_SUBTREES = 2;
    private static final long DONE = 0xffff_ffffL;

    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger hashed = new AtomicInteger();
    private final AtomicInteger owner = new AtomicInteger();
    private final Sha256d helperHash = new Sha256d();
    private final byte[] helperScratch = new byte[BlockView.SUBTREE_SCRATCH_BYTES];
    private final UnsafeBuffer helperScratchBuffer = new UnsafeBuffer(helperScratch);
    private final Thread thread;
    private volatile BlockView view;
    private volatile int count;
    private volatile boolean running = true;

    /**
     * @param threadName name of the helper thread (a daemon).
     */
    TxidHelper(final String threadName)
    {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The merkle root of {@code view}'s transactions, its txids kept ({@link BlockView#knownTxids}),
     * sharing the work with the helper when the block is big enough and the helper is free.
     *
     * @param view          a wrapped block.
     * @param sha256d       the caller's hasher.
     * @param scratch       the caller's {@link BlockView#SUBTREE_SCRATCH_BYTES} bytes.
     * @param scratchBuffer wraps {@code scratch}.
     * @param root          where the 32 bytes go.
     */
    void merkleRoot(
        final BlockView view, final Sha256d sha256d, final byte[] scratch, final UnsafeBuffer scratchBuffer,
        final byte[] root)
    {
        final int n = view.subtreeCount();
        if (n < MIN_SUBTREES || !owner.compareAndSet(0, 1))
        {
            view.computeMerkleRoot(sha256d, root, 0);
            return;
        }
        try
        {
            this.view = view;
            this.count = n;
            hashed.set(0);
            final long epoch = (claims.get() >>> 32) + 1;
            claims.set(epoch << 32);
            LockSupport.unpark(thread);
            int done = work(view, n, epoch, sha256d, scratch, scratchBuffer);
            // Wait for the subtrees the helper took: each is 64 transactions at most.
            while (done < n)
            {
                Thread.onSpinWait();
                done = hashed.get();
            }
            claims.set((epoch << 32) | DONE);
        }
        finally
        {
            owner.set(0);
        }
        view.merkleRootOfSubtrees(sha256d, root, 0);
    }

    /**
     * Take and hash subtrees of the block of {@code epoch} until none is left.
     *
     * @return subtrees hashed so far by both threads, as last counted.
     */
    private int work(
        final BlockView view, final int n, final long epoch, final Sha256d sha256d, final byte[] scratch,
        final UnsafeBuffer scratchBuffer)
    {
        int done = 0;
        while (true)
        {
            final long claim = claims.get();
            final int next = (int)claim;
            if (claim >>> 32 != epoch || next >= n || next < 0)
            {
                return done;
            }
            if (claims.compareAndSet(claim, claim + 1))
            {
                view.hashSubtree(next, sha256d, scratch, scratchBuffer);
                done = hashed.incrementAndGet();
            }
        }
    }

    private void run()
    {
        long seenEpoch = 0;
        while (running)
        {
            final long claim = claims.get();
            final long epoch = claim >>> 32;
            if (epoch == seenEpoch || (int)claim < 0)
            {
                LockSupport.park(this);
                continue;
            }
            seenEpoch = epoch;
            // Read after the epoch: the view and count of this block or a newer one, whose claims
            // carry a newer epoch and so fail in work().
            final BlockView v = view;
            final int n = count;
            if (v != null)
            {
                work(v, n, epoch, helperHash, helperScratch, helperScratchBuffer);
            }
        }
    }

    /**
     * Stop the helper thread (waits up to a second for it).
     */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(1_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
