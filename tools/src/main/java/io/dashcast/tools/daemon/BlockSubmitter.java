package io.dashcast.tools.daemon;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.Submission;
import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's one way in for blocks, whatever the ingress: the engine's
 * {@link Broadcaster#submitAll} (validation gate, once per block, P2P and the local dashd's RPC in
 * parallel), then the combined {@link SubmissionReport} logged once every path has answered. A
 * block seen before is not sent again and not logged again: its caller gets the first report.
 * Thread safe.
 */
public final class BlockSubmitter
{
    private final Broadcaster broadcaster;
    private final String localPeerName;
    private final SubmissionLog log;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();

    /**
     * @param broadcaster   the broadcaster, with the local dashd's RPC path configured or not.
     * @param localPeerName the configured peer that is the local dashd's P2P port, or null.
     * @param log           where each block's summary is written.
     */
    public BlockSubmitter(final Broadcaster broadcaster, final String localPeerName, final SubmissionLog log)
    {
        this.broadcaster = broadcaster;
        this.localPeerName = localPeerName;
        this.log = log;
    }

    /**
     * @param block  serialized block (ownership passes to the submitter).
     * @param source how it came in, for the log.
     * @return the report, once every path has answered.
     */
    public CompletableFuture<SubmissionReport> submit(final byte[] block, final String source)
    {
        return report(submission(block, source), source);
    }

    /**
     * Submit from any buffer, e.g. a shared-memory record: copied once into the ring slot and once
     * into an array for the RPC path; the buffer is free when this returns.
     *
     * @param buffer holding the block.
     * @param offset first byte.
     * @param length bytes.
     * @param source how it came in, for the log.
     * @return the report, once every path has answered.
     */
    public CompletableFuture<SubmissionReport> submit(
        final DirectBuffer buffer, final int offset, final int length, final String source)
    {
        return report(logged(broadcaster.submitAll(buffer, offset, length), source), source);
    }

    /**
     * As {@link #submit(DirectBuffer, int, int, String)}, unless the broadcast ring is full: then
     * nothing is sent and null comes back, so the caller keeps the block (the shared-memory reader
     * leaves it in the queue) and tries again.
     *
     * @param buffer holding the block.
     * @param offset first byte.
     * @param length bytes.
     * @param source how it came in, for the log.
     * @return the report, or null when the ring is full.
     */
    public CompletableFuture<SubmissionReport> trySubmit(
        final DirectBuffer buffer, final int offset, final int length, final String source)
    {
        final Submission submission = broadcaster.trySubmitAll(buffer, offset, length);
        return submission == null ? null : report(logged(submission, source), source);
    }

    /**
     * Submit and get the submission itself (its paths' futures), as the gateway needs to answer a
     * pool as soon as dashd has spoken; the report is logged when every path has answered.
     *
     * @param block  serialized block (ownership passes to the submitter).
     * @param source how it came in, for the log.
     * @return the submission.
     */
    public Submission submission(final byte[] block, final String source)
    {
        return logged(broadcaster.submitAll(block), source);
    }

    /**
     * As {@link #submission(byte[], String)}, for the first {@code length} bytes of {@code block}
     * ({@link Broadcaster#submitAll(byte[], int)}).
     *
     * @param block  array whose first {@code length} bytes are the serialized block; owned from now on.
     * @param length bytes of the block.
     * @param source how it came in.
     * @return the submission.
     */
    public Submission submission(final byte[] block, final int length, final String source)
    {
        return logged(broadcaster.submitAll(block, length), source);
    }

    /**
     * @param submission a completed submission.
     * @param source     how it came in.
     * @return its report.
     */
    public SubmissionReport reportOf(final Submission submission, final String source)
    {
        return new SubmissionReport(submission, source, localPeerName);
    }

    /**
     * @return READY peers now.
     */
    public int readyPeers()
    {
        return broadcaster.readyPeerCount();
    }

    private Submission logged(final Submission submission, final String source)
    {
        if (submission.duplicate())
        {
            log.duplicate(submission.hash(), source);
            return submission;
        }
        if (submission.p2pRefusal() == null && broadcaster.readyPeerCount() == 0)
        {
            log.noReadyPeers(submission.hash(), broadcaster.fallback() != null);
        }
        inFlight.incrementAndGet();
        submission.done().whenComplete((done, ex) ->
        {
            try
            {
                log.log(reportOf(submission, source));
            }
            finally
            {
                if (inFlight.decrementAndGet() == 0)
                {
                    synchronized (idle)
                    {
                        idle.notifyAll();
                    }
                }
            }
        });
        return submission;
    }

    /**
     * Wait until every block taken so far has been reported.
     *
     * @param timeoutMs bound on the wait.
     * @return true when none is left in flight.
     */
    public boolean awaitInFlight(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (idle)
        {
            while (inFlight.get() > 0)
            {
                final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0)
                {
                    return false;
                }
                try
                {
                    idle.wait(leftMs);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private CompletableFuture<SubmissionReport> report(final Submission submission, final String source)
    {
        return submission.done().thenApply(done -> reportOf(done, source));
    }
}
