package io.dashcast.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.ErrorHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completes a block's receipt once the last loop has finished its slot: records the totals and the
 * first-peer and last-peer hand-off latencies (HdrHistogram recorders, read at snapshot time), then
 * tells the {@link ReceiptListener} and completes the submitter's future off the loop thread.
 */
final class ReceiptDispatcher
{
    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private final ReceiptListener listener;
    private final ErrorHandler errors;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final Recorder broadcastRecorder = new Recorder(HIGHEST_NS, 3);
    private final Recorder firstPeerRecorder = new Recorder(HIGHEST_NS, 3);
    private final Histogram broadcastHistogram = new Histogram(HIGHEST_NS, 3);
    private final Histogram firstPeerHistogram = new Histogram(HIGHEST_NS, 3);

    ReceiptDispatcher(final ReceiptListener listener, final ErrorHandler errors)
    {
        this.listener = listener;
        this.errors = errors;
    }

    /**
     * Called by the last loop to finish a slot.
     */
    void complete(final BlockSlot slot, final long nowNs)
    {
        final BroadcastRecord record = slot.record;
        slot.awaitHash(record.sequence);
        record.completeNs = nowNs;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (int i = 0; i < record.peerCount(); i++)
        {
            if (record.endpoint(i) == null)
            {
                continue;
            }
            final long h = record.handoffNs(i);
            if (h != 0)
            {
                first = Math.min(first, h - record.submitNs);
                last = Math.max(last, h - record.submitNs);
            }
        }
        if (first == Long.MAX_VALUE)
        {
            unsent.incrementAndGet();
        }
        else
        {
            firstPeerRecorder.recordValue(Math.min(first, HIGHEST_NS));
            broadcastRecorder.recordValue(Math.min(last, HIGHEST_NS));
        }
        completed.incrementAndGet();
        if (listener != null)
        {
            try
            {
                listener.onReceipt(record);
            }
            catch (final RuntimeException ex)
            {
                errors.onError(ex);
            }
        }
        final CompletableFuture<BroadcastReceipt> future = slot.future;
        if (future != null)
        {
            slot.future = null;
            final BroadcastReceipt receipt = record.toReceipt();
            // Completed off the loop thread so callers' continuations never run on it.
            CompletableFuture.runAsync(() -> future.complete(receipt));
        }
    }

    long completed()
    {
        return completed.get();
    }

    long unsent()
    {
        return unsent.get();
    }

    /**
     * @return last-peer hand-off latency since launch (call from one thread at a time).
     */
    LatencySummary broadcastLatency()
    {
        broadcastHistogram.add(broadcastRecorder.getIntervalHistogram());
        return LatencySummary.of(broadcastHistogram);
    }

    /**
     * @return first-peer hand-off latency since launch (call from one thread at a time).
     */
    LatencySummary firstPeerLatency()
    {
        firstPeerHistogram.add(firstPeerRecorder.getIntervalHistogram());
        return LatencySummary.of(firstPeerHistogram);
    }
}
