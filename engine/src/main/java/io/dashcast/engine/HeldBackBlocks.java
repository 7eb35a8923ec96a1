package io.dashcast.engine;

/**
 * Blocks a peer got only the header of (or nothing), for want of their parent, remembered until
 * their broadcast time-out. When the peer's chain gains the parent (our own push of it, its
 * {@code headers} or {@code inv}, the locator of its {@code getheaders}, a later ack), every
 * held-back descendant still inside its time-out goes out, parents before children: submitting c54
 * then c53 delivers both, and c55, c56 after them.
 * <p>
 * A block pushed without a parent the peer is known to have (blind, to a fresh peer, or behind such
 * a push) may have been an orphan to it: when its ack comes and the parent is still not known, it
 * is remembered too ({@link #addUnconfirmed}), and pushed again only once the peer is known to have
 * the parent (its own word, not our push), unless the peer turned out to have the block by then.
 * A fixed ring of {@value #CAPACITY} entries (a burst of 100 blocks held back for 8 peers of one
 * loop fits); allocation-free. Owned by one loop thread.
 */
final class HeldBackBlocks
{
    static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    private final SlotViews slots;
    private final long broadcastTimeoutNs;
    private final PeerConnection[] peerOf = new PeerConnection[CAPACITY];
    private final long[] sequenceOf = new long[CAPACITY];
    private final boolean[] unconfirmed = new boolean[CAPACITY];
    private SlotTracker tracker;
    private long head;
    private long tail;

    HeldBackBlocks(final SlotViews slots, final long broadcastTimeoutNs)
    {
        this.slots = slots;
        this.broadcastTimeoutNs = broadcastTimeoutNs;
    }

    void tracker(final SlotTracker tracker)
    {
        this.tracker = tracker;
    }

    /**
     * Remember that {@code peer} did not get block {@code sequence} for want of its parent.
     */
    void add(final PeerConnection peer, final long sequence)
    {
        add(peer, sequence, false);
    }

    /**
     * Remember that {@code peer} processed block {@code sequence} without a parent it is known to
     * have: push it again once the parent is confirmed, unless the peer has the block by then.
     */
    void addUnconfirmed(final PeerConnection peer, final long sequence)
    {
        add(peer, sequence, true);
    }

    private void add(final PeerConnection peer, final long sequence, final boolean parentUnconfirmed)
    {
        if (tail - head == CAPACITY)
        {
            // Full: the oldest entry is the nearest its time-out; let it go.
            peerOf[(int)(head & MASK)] = null;
            head++;
        }
        final int i = (int)(tail & MASK);
        peerOf[i] = peer;
        sequenceOf[i] = sequence;
        unconfirmed[i] = parentUnconfirmed;
        tail++;
    }

    /**
     * The peer's chain gained a block: push every held-back block whose parent it now has, repeating
     * until none is left to push (each push makes its children connectable).
     *
     * @return blocks pushed.
     */
    int onChainGained(final PeerConnection peer, final long nowNs)
    {
        int pushed = 0;
        boolean progress = true;
        while (progress && peer.isReady())
        {
            progress = false;
            for (long s = head; s < tail; s++)
            {
                final int i = (int)(s & MASK);
                if (peerOf[i] == peer && tryPush(peer, sequenceOf[i], unconfirmed[i], nowNs))
                {
                    peerOf[i] = null;
                    pushed++;
                    progress = true;
                }
            }
        }
        return pushed;
    }

    /**
     * @return true when the entry is done with: pushed, or the peer has the block already.
     */
    private boolean tryPush(
        final PeerConnection peer, final long sequence, final boolean parentUnconfirmed, final long nowNs)
    {
        final BlockSlot slot = slots.slot(sequence);
        if (nowNs - slot.submitNs > broadcastTimeoutNs)
        {
            return false;
        }
        final PeerChainState chain = peer.chain;
        if (!(chain.contains(slot.prevHash) || !parentUnconfirmed && chain.pushedContains(slot.prevHash)))
        {
            return false;
        }
        slot.awaitHash(sequence);
        if (chain.contains(slot.hash) || chain.pushedContains(slot.hash))
        {
            return true;
        }
        final BroadcastRecord record = slot.record;
        if (tracker.isOpen(sequence))
        {
            if (record.outcome(peer.index) == PeerOutcome.HELD_BACK)
            {
                record.finish(peer.index, PeerOutcome.PENDING, FailureReason.NONE);
            }
            record.onSend(peer.index, FrameKind.FULL_BLOCK, SendReason.PARENT_ARRIVED);
        }
        peer.sendBlock(slots.view(sequence), slot.blockFrameLength, sequence, nowNs);
        slot.awaitHash(sequence);
        peer.chain.onPushed(slot.hash, false, true);
        return true;
    }

    /**
     * Forget entries past their time-out (or pushed), so their slots can be released.
     */
    void expire(final long nowNs)
    {
        while (head < tail)
        {
            final int i = (int)(head & MASK);
            if (peerOf[i] != null && nowNs - slots.slot(sequenceOf[i]).submitNs <= broadcastTimeoutNs)
            {
                break;
            }
            peerOf[i] = null;
            head++;
        }
    }

    /**
     * @return lowest slot sequence still held back for some peer, or Long.MAX_VALUE.
     */
    long lowestSequence()
    {
        long lowest = Long.MAX_VALUE;
        for (long s = head; s < tail; s++)
        {
            final int i = (int)(s & MASK);
            if (peerOf[i] != null)
            {
                lowest = Math.min(lowest, sequenceOf[i]);
            }
        }
        return lowest;
    }
}
