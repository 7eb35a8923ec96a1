package io.dashcast.engine;

import com.lmax.disruptor.Sequence;
import org.agrona.DirectBuffer;

import java.util.function.ObjLongConsumer;

/**
 * One loop's bookkeeping of the ring slots it has polled: each peer's outcome per block (hand-off,
 * ack, failure), the broadcast time-out, the in-order finish of slots (the last loop to finish a
 * slot completes its receipt) and the release of slots back to producers.
 * <p>
 * Release is per peer: a slot is held only by the peers still writing it or awaiting its ack (and
 * by paced or held-back writes of it, and the last {@code retainedBlocks} kept for {@code getdata});
 * a peer that stalls holds it until its own time-out cuts it, then nobody does. A released
 * sequence is a contiguous prefix, as the Disruptor's gating requires.
 */
final class SlotTracker
{
    private final SlotViews slots;
    private final Sequence released = new Sequence(-1);
    private final long broadcastTimeoutNs;
    private final int retainedBlocks;
    private final ObjLongConsumer<BlockSlot> completer;
    private final PacedSends paced;
    private final HeldBackBlocks heldBack;
    private PeerConnection[] peers = new PeerConnection[0];
    private long polledSequence = -1;
    private long finishedSequence = -1;

    SlotTracker(
        final SlotViews slots,
        final BroadcasterContext ctx,
        final ObjLongConsumer<BlockSlot> completer,
        final PacedSends paced,
        final HeldBackBlocks heldBack)
    {
        this.slots = slots;
        this.broadcastTimeoutNs = ctx.broadcastTimeoutNs();
        this.retainedBlocks = ctx.retainedBlocks();
        this.completer = completer;
        this.paced = paced;
        this.heldBack = heldBack;
        slots.ring().addGatingSequences(released);
    }

    void peers(final PeerConnection[] peers)
    {
        this.peers = peers;
    }

    void onPolled(final long sequence)
    {
        polledSequence = sequence;
    }

    /**
     * @return true while this loop has not finished {@code sequence}: its record may still change.
     */
    boolean isOpen(final long sequence)
    {
        return sequence > finishedSequence && sequence <= polledSequence;
    }

    long releasedSequence()
    {
        return released.get();
    }

    void onBlockWritten(final PeerConnection peer, final long sequence, final long nowNs)
    {
        final BlockSlot slot = slots.slot(sequence);
        final BroadcastRecord record = slot.record;
        // A finished slot's record may be in a listener's hands: leave it alone.
        if (isOpen(sequence) && record.handoffNs(peer.index) == 0)
        {
            record.onHandoff(peer.index, nowNs);
            peer.metrics.onSent(nowNs - slot.submitNs);
        }
    }

    void onAck(final PeerConnection peer, final long sequence, final long nowNs)
    {
        final BlockSlot slot = slots.slot(sequence);
        final BroadcastRecord record = slot.record;
        slot.awaitHash(sequence);
        if (peer.chain.contains(slot.prevHash))
        {
            // Processed, and its parent was there: it connected.
            peer.chain.add(slot.hash);
            peer.chain.onOurBlockConnected();
            heldBack.onChainGained(peer, nowNs);
        }
        else
        {
            // A pong proves processing, not acceptance: ask whether the peer has it now, and keep the
            // block for this peer until its parent is confirmed there (it may have been an orphan).
            peer.requestHeaderOf(slot.hash, nowNs);
            heldBack.addUnconfirmed(peer, sequence);
        }
        if (isOpen(sequence) && record.outcome(peer.index) == PeerOutcome.PENDING)
        {
            record.onAck(peer.index, nowNs);
            peer.metrics.onAcked(nowNs - slot.submitNs);
        }
    }

    /**
     * The peer announced block {@code sequence} to us ({@code headers} or {@code inv}): it has it,
     * whoever gave it the block. Recorded once per peer while the broadcast is open.
     */
    void onAnnounced(final PeerConnection peer, final long sequence, final long nowNs)
    {
        final BroadcastRecord record = slots.slot(sequence).record;
        if (isOpen(sequence) && record.onAnnounced(peer.index, nowNs))
        {
            peer.metrics.onAnnounced();
        }
    }

    void onPeerFailed(final PeerConnection peer, final FailureReason reason)
    {
        for (long s = finishedSequence + 1; s <= polledSequence; s++)
        {
            final BroadcastRecord record = slots.slot(s).record;
            if (record.outcome(peer.index) == PeerOutcome.PENDING)
            {
                if (record.handoffNs(peer.index) != 0)
                {
                    record.finish(peer.index, PeerOutcome.HANDED_OFF, reason);
                }
                else
                {
                    record.finish(peer.index, PeerOutcome.FAILED, reason);
                    peer.metrics.onBlockFailed();
                }
            }
        }
    }

    /**
     * @return true while a slot this loop has not finished still waits for {@code peer}'s outcome.
     */
    boolean hasPending(final PeerConnection peer)
    {
        for (long s = finishedSequence + 1; s <= polledSequence; s++)
        {
            if (slots.slot(s).record.outcome(peer.index) == PeerOutcome.PENDING)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * A peer joined this loop: the slots it polled before were not offered to it, so its entries
     * there are final (not ready) rather than pending until the time-out.
     */
    void onPeerJoined(final PeerConnection peer)
    {
        for (long s = finishedSequence + 1; s <= polledSequence; s++)
        {
            final BroadcastRecord record = slots.slot(s).record;
            if (record.outcome(peer.index) == PeerOutcome.PENDING)
            {
                record.finish(peer.index, PeerOutcome.NOT_READY, FailureReason.NOT_READY);
            }
        }
    }

    /**
     * Settle outcomes past the broadcast timeout, then finish slots in order once every peer of this
     * loop has a final outcome; the last loop to finish a slot completes its receipt.
     *
     * @return slots finished.
     */
    int finishSlots(final long nowNs)
    {
        int work = 0;
        while (finishedSequence < polledSequence)
        {
            final long sequence = finishedSequence + 1;
            final BlockSlot slot = slots.slot(sequence);
            if (nowNs - slot.submitNs > broadcastTimeoutNs)
            {
                settleTimedOut(slot, sequence, nowNs);
            }
            if (!allFinal(slot.record))
            {
                break;
            }
            finishedSequence = sequence;
            work++;
            if (slot.pendingLoops.decrementAndGet() == 0)
            {
                completer.accept(slot, nowNs);
            }
        }
        return work;
    }

    private void settleTimedOut(final BlockSlot slot, final long sequence, final long nowNs)
    {
        paced.cancel(sequence);
        final BroadcastRecord record = slot.record;
        for (final PeerConnection peer : peers)
        {
            final int i = peer.index;
            if (record.outcome(i) != PeerOutcome.PENDING)
            {
                continue;
            }
            if (peer.outbox().holdsSlot(sequence) || record.handoffNs(i) != 0)
            {
                // Still writing it, or taken by the kernel but never proven processed (a stalled
                // reader's kernel can swallow megabytes): the peer holds the slot past the timeout, so
                // it is cut, which settles its outcome. It holds nobody else up meanwhile.
                peer.fail(FailureReason.BROADCAST_TIMEOUT, nowNs);
            }
            else if (record.headerOnly(i))
            {
                record.finish(i, PeerOutcome.HELD_BACK, FailureReason.NONE);
                peer.metrics.onHeldBack();
            }
            else
            {
                record.finish(i, PeerOutcome.FAILED, FailureReason.BROADCAST_TIMEOUT);
                peer.metrics.onBlockFailed();
            }
        }
    }

    private boolean allFinal(final BroadcastRecord record)
    {
        for (final PeerConnection peer : peers)
        {
            if (record.outcome(peer.index) == PeerOutcome.PENDING)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Move the release sequence up to the lowest slot anybody still needs.
     */
    void updateRelease()
    {
        long candidate = Math.min(finishedSequence, polledSequence - retainedBlocks);
        if (!paced.isEmpty())
        {
            candidate = Math.min(candidate, paced.lowestSequence() - 1);
        }
        candidate = Math.min(candidate, heldBack.lowestSequence() - 1);
        for (final PeerConnection peer : peers)
        {
            final long lowest = peer.outbox().lowestHeldSequence();
            if (lowest != Long.MAX_VALUE)
            {
                candidate = Math.min(candidate, lowest - 1);
            }
        }
        if (candidate > released.get())
        {
            released.set(candidate);
        }
    }

    /**
     * @return the sequence of the slot (still held by this loop) whose block hash is at
     * {@code hashOffset}, or -1.
     */
    long findSlot(final DirectBuffer hash, final int hashOffset)
    {
        for (long s = polledSequence; s > released.get(); s--)
        {
            final BlockSlot slot = slots.slot(s);
            slot.awaitHash(s);
            if (slot.hashEquals(hash, hashOffset))
            {
                return s;
            }
        }
        return -1;
    }
}
