package io.dashcast.engine.status;

import io.dashcast.engine.BroadcastRecord;
import io.dashcast.engine.FrameKind;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.ReceiptListener;
import org.agrona.concurrent.EpochClock;

import java.util.Arrays;

/**
 * Turns each completed broadcast into counters, fan-out and propagation histograms, per-peer
 * send-policy gauges and a timeline entry, then hands the record to the embedder's listener.
 * Runs on the broadcast loop that completed the block; allocation-free (per-thread scratch).
 */
final class BlockRecorder implements ReceiptListener
{
    private final EngineStatus status;
    private final EpochClock epochClock;
    private final ReceiptListener delegate;
    private final ThreadLocal<long[]> scratch;

    BlockRecorder(final EngineStatus status, final EpochClock epochClock, final ReceiptListener delegate)
    {
        this.status = status;
        this.epochClock = epochClock;
        this.delegate = delegate;
        this.scratch = ThreadLocal.withInitial(() -> new long[Math.max(1, status.peerCapacity())]);
    }

    @Override
    public void onReceipt(final BroadcastRecord record)
    {
        final long nowMs = epochClock.time();
        recordFanout(record, nowMs);
        recordPeers(record);
        status.timeline().write(record, nowMs);
        if (delegate != null)
        {
            delegate.onReceipt(record);
        }
    }

    private void recordFanout(final BroadcastRecord record, final long nowMs)
    {
        final long submitNs = record.submitNs();
        long firstHandoff = Long.MAX_VALUE;
        long lastHandoff = -1;
        long firstAck = Long.MAX_VALUE;
        long lastAck = -1;
        int handedOff = 0;
        int acked = 0;
        int failed = 0;
        int connected = 0;
        int have = 0;
        final long[] haves = scratch.get();
        for (int i = 0; i < record.peerCount(); i++)
        {
            if (record.endpoint(i) == null)
            {
                continue;
            }
            final PeerOutcome outcome = record.outcome(i);
            connected += outcome == PeerOutcome.NOT_READY ? 0 : 1;
            failed += outcome == PeerOutcome.FAILED ? 1 : 0;
            final long h = record.handoffNs(i);
            if (h != 0)
            {
                handedOff++;
                firstHandoff = Math.min(firstHandoff, h - submitNs);
                lastHandoff = Math.max(lastHandoff, h - submitNs);
            }
            final long a = record.ackNs(i);
            if (a != 0)
            {
                acked++;
                firstAck = Math.min(firstAck, a - submitNs);
                lastAck = Math.max(lastAck, a - submitNs);
            }
            final long known = record.haveNs(i);
            if (known != 0 && have < haves.length)
            {
                haves[have++] = known - submitNs;
            }
        }
        status.increment(SystemCounterDescriptor.BLOCKS_COMPLETED);
        status.counter(SystemCounterDescriptor.LAST_BLOCK_EPOCH_MS).setRelease(nowMs);
        // The network's view, whoever gave the peers the block: counted even when we reached none.
        recordPropagation(haves, have, connected);
        if (handedOff == 0)
        {
            status.increment(SystemCounterDescriptor.BLOCKS_UNSENT);
            return;
        }
        status.increment(failed == 0 ? SystemCounterDescriptor.BLOCKS_DELIVERED : SystemCounterDescriptor.BLOCKS_PARTIAL);
        status.counter(SystemCounterDescriptor.BROADCAST_TIME_SUM_NS).getAndAdd(lastHandoff);
        status.stage(FanoutStage.FIRST_PEER).record(firstHandoff);
        status.stage(FanoutStage.ALL_PEERS).record(lastHandoff);
        if (acked > 0)
        {
            status.stage(FanoutStage.FIRST_ACK).record(firstAck);
            if (acked == handedOff)
            {
                status.stage(FanoutStage.ALL_ACKS).record(lastAck);
            }
        }
    }

    private void recordPropagation(final long[] haves, final int have, final int connected)
    {
        if (have == 0)
        {
            return;
        }
        Arrays.sort(haves, 0, have);
        for (final PropagationLevel level : PropagationLevel.VALUES)
        {
            final int needed = level.peersNeeded(connected);
            if (needed >= 1 && needed <= have)
            {
                status.propagation(level).record(Math.max(0, haves[needed - 1]));
            }
        }
    }

    private void recordPeers(final BroadcastRecord record)
    {
        final int n = Math.min(record.peerCount(), status.peerCount());
        for (int i = 0; i < n; i++)
        {
            if (record.endpoint(i) == null)
            {
                continue;
            }
            final PeerStatus peer = status.peer(i);
            final FrameKind frame = record.frame(i);
            if (frame != null)
            {
                peer.set(PeerCounterDescriptor.LAST_FRAME, frame.ordinal() + 1);
                peer.set(PeerCounterDescriptor.LAST_REASON, record.reason(i) == null ? 0 : record.reason(i).ordinal() + 1);
            }
            if (record.handoffNs(i) != 0)
            {
                if (frame == FrameKind.COMPACT_BLOCK)
                {
                    peer.counter(PeerCounterDescriptor.COMPACT_SENT).getAndAdd(1);
                }
                else if (frame == FrameKind.FULL_BLOCK || frame == null)
                {
                    peer.counter(PeerCounterDescriptor.BYTES).getAndAdd(record.sizeBytes());
                    status.counter(SystemCounterDescriptor.BLOCK_BYTES).getAndAdd(record.sizeBytes());
                }
            }
            final long a = record.ackNs(i);
            peer.set(PeerCounterDescriptor.LAST_ACK_NS, a == 0 ? 0 : a - record.submitNs());
        }
    }
}
