package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Sha256d;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for the hashing a big block needs before its first byte can go out: the
 * {@code block} frame's checksum (one double SHA-256 over the whole block) and the validation
 * gate's merkle pass (every transaction's txid and the tree above them). The producer and this
 * thread take tasks from one counter: first the checksum, the longest, then subtrees of
 * {@link BlockView#SUBTREE_LEAVES} transactions ({@link BlockView#hashSubtree}); the producer joins
 * the subtree roots. So a big block is hashed in about half the time on two cores. One block at a
 * time: a producer that finds the helper taken by another producer hashes alone, as it does for a
 * small block. The helper parks between blocks and allocates nothing.
 * <p>
 * A block's claims are stamped with its epoch (high half of {@link #claims}), so a helper that
 * wakes late, after the producer finished the block alone, cannot take a task of the next one.
 */
final class HashHelper implements AutoCloseable
{
    /** Below this many bytes the helper's wake-up costs more than it saves. */
    static final int MIN_BLOCK_BYTES = 16 * 1024;
    /** What {@link #hash} returns when it did not compute the checksum. */
    static final long NO_CHECKSUM = -1;
    private static final long DONE = 0xffff_ffffL;
    private static final int SPINS_BEFORE_YIELD = 10_000;

    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger owner = new AtomicInteger();
    private final Sha256d helperHash = new Sha256d();
    private final byte[] helperScratch = new byte[BlockView.SUBTREE_SCRATCH_BYTES];
    private final UnsafeBuffer helperScratchBuffer = new UnsafeBuffer(helperScratch);
    private final Thread thread;
    private volatile BlockView view;
    private volatile int tasks;
    private int checksum;
    /** Set by the helper when a task threw; read by the producer after the count (an atomic hand-over). */
    private Throwable helperFailure;
    private volatile boolean running = true;

    /**
     * @param threadName name of the helper thread (a daemon).
     */
    HashHelper(final String threadName)
    {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The merkle root of {@code view}'s transactions (txids kept, {@link BlockView#knownTxids}) and,
     * when the block is big enough for the helper and the helper is free, the block's message
     * checksum too, both shared with the helper thread.
     *
     * @param view          a wrapped block.
     * @param sha256d       the caller's hasher.
     * @param scratch       the caller's {@link BlockView#SUBTREE_SCRATCH_BYTES} bytes.
     * @param scratchBuffer wraps {@code scratch}.
     * @param root          where the 32 bytes of the merkle root go.
     * @return the checksum of a {@code block} message of the view's bytes (0 to 2^32 - 1: the first
     * four bytes of their SHA256d, little-endian), or {@link #NO_CHECKSUM} when the caller hashed
     * alone and the framer must compute it.
     */
    long hash(
        final BlockView view, final Sha256d sha256d, final byte[] scratch, final UnsafeBuffer scratchBuffer,
        final byte[] root)
    {
        if (view.length() < MIN_BLOCK_BYTES || !owner.compareAndSet(0, 1))
        {
            view.computeMerkleRoot(sha256d, root, 0);
            return NO_CHECKSUM;
        }
        final int n = 1 + view.subtreeCount();
        final long result;
        try
        {
            this.view = view;
            this.tasks = n;
            finished.set(0);
            final long epoch = (claims.get() >>> 32) + 1;
            claims.set(epoch << 32);
            LockSupport.unpark(thread);
            int done = work(view, n, epoch, sha256d, scratch, scratchBuffer);
            // Wait for the tasks the helper took: the checksum, or a subtree of 64 transactions. On a
            // busy machine the helper may be off its core: after a while, give the core up.
            int spins = 0;
            while (done < n)
            {
                SpinThenYield.idle(++spins, SPINS_BEFORE_YIELD);
                done = finished.get();
            }
            claims.set((epoch << 32) | DONE);
            if (helperFailure != null)
            {
                // A task the helper could not finish: hash the whole block here, as without a helper.
                helperFailure = null;
                view.computeMerkleRoot(sha256d, root, 0);
                return NO_CHECKSUM;
            }
            result = checksum & 0xffff_ffffL;
        }
        finally
        {
            owner.set(0);
        }
        view.merkleRootOfSubtrees(sha256d, root, 0);
        return result;
    }

    /**
     * Take and run tasks of the block of {@code epoch} until none is left: task 0 is the checksum,
     * task {@code i} the subtree {@code i - 1}.
     *
     * @return tasks finished so far by both threads, as last counted.
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
                try
                {
                    if (next == 0)
                    {
                        // Published to the producer by the count below (an atomic write it reads).
                        checksum = sha256d.checksum(view.buffer(), view.offset(), view.length());
                    }
                    else
                    {
                        view.hashSubtree(next - 1, sha256d, scratch, scratchBuffer);
                    }
                }
                catch (final RuntimeException | Error ex)
                {
                    if (Thread.currentThread() != thread)
                    {
                        throw ex;
                    }
                    // Counted all the same, so the producer never waits for it; it hashes again.
                    helperFailure = ex;
                }
                done = finished.incrementAndGet();
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
            // Read after the epoch: the view and task count of this block or a newer one, whose
            // claims carry a newer epoch and so fail in work().
            final BlockView v = view;
            final int n = tasks;
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
