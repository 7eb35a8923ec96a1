package io.dashcast.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.dashcast.protocol.X11;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * One broadcast thread: owns a selector and a share of the peers, pulls framed blocks from the
 * ring and writes each slot's one buffer to every ready peer, critical peers first, without
 * copying. Partial writes finish on OP_WRITE while the other peers proceed; a peer that has not
 * taken a block within {@code broadcastTimeout} is cut. A slot is released back to producers only
 * when every peer of this loop is done with it (written or failed, acknowledged or timed out) and
 * it has fallen out of the last {@code retainedBlocks} kept to answer {@code getdata}.
 * <p>
 * Ban safety: a peer known to be on a tip other than the block's parent gets only the block's
 * header (if it has the parent it asks with {@code getdata}, answered from the slot), since Dash
 * Core scores an unconnectable unsolicited block with 10 points.
 */
final class BroadcastLoop implements Agent
{
    private static final long TIMER_INTERVAL_NS = 1_000_000L;
    /** Below Dash Core's MAX_UNCONNECTING_HEADERS (10), whose every multiple costs 20 points. */
    private static final int MAX_UNANSWERED_ANNOUNCEMENTS = 8;
    private static final int NOT_READY = 0;
    private static final int PUSH = 1;
    private static final int PUSH_BLIND = 2;
    private static final int ANNOUNCE = 3;
    private static final int HOLD = 4;

    private final String roleName;
    private final BroadcasterContext ctx;
    private final Broadcaster owner;
    private final RingBuffer<BlockSlot> ring;
    private final EventPoller<BlockSlot> poller;
    private final Sequence released = new Sequence(-1);
    private final ByteBuffer[] slotViews;
    private final int mask;
    private final Selector selector;
    private final NanoClock clock;
    private final X11 x11 = new X11();
    private PeerConnection[] peers = new PeerConnection[0];
    private int[] decisions = new int[0];
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final Consumer<SelectionKey> onSelectedAfterWait = this::onSelectedAfterWait;
    private final EventPoller.Handler<BlockSlot> onBlock = this::onBlock;

    private long nowNs;
    private long nextTimerNs;
    private long polledSequence = -1;
    private long finishedSequence = -1;
    private int polled;
    private int selectedWork;

    BroadcastLoop(final int id, final BroadcasterContext ctx, final Broadcaster owner, final RingBuffer<BlockSlot> ring)
    {
        this.roleName = ctx.threadNamePrefix() + id;
        this.ctx = ctx;
        this.owner = owner;
        this.ring = ring;
        this.clock = ctx.nanoClock();
        this.poller = ring.newPoller();
        ring.addGatingSequences(released);
        this.mask = ring.getBufferSize() - 1;
        this.slotViews = new ByteBuffer[ring.getBufferSize()];
        for (int i = 0; i < slotViews.length; i++)
        {
            slotViews[i] = ring.get(i).byteBuffer.duplicate();
        }
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    Selector selector()
    {
        return selector;
    }

    void peers(final PeerConnection[] peers)
    {
        this.peers = peers;
        this.decisions = new int[peers.length];
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    @Override
    public int doWork() throws Exception
    {
        nowNs = clock.nanoTime();
        polled = 0;
        poller.poll(onBlock);
        int work = polled;
        selectedWork = 0;
        selector.selectNow(onSelected);
        work += selectedWork;
        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            for (final PeerConnection peer : peers)
            {
                work += peer.onTimer(nowNs);
            }
        }
        work += finishSlots();
        updateRelease();
        return work;
    }

    /**
     * Blocking wait used by {@link IdleMode#BLOCKING_SELECT}: handles ready keys as they come,
     * wakes on {@link Selector#wakeup()} from a producer or after {@code timeoutMs}.
     */
    void blockingSelect(final long timeoutMs) throws IOException
    {
        selector.select(onSelectedAfterWait, timeoutMs);
    }

    @Override
    public void onClose()
    {
        nowNs = clock.nanoTime();
        for (final PeerConnection peer : peers)
        {
            peer.close();
        }
        // Blocks published but not yet taken still get a receipt: every peer is now closed.
        try
        {
            poller.poll(onBlock);
        }
        catch (final Exception ex)
        {
            ctx.errorHandler().onError(ex);
        }
        finishSlots();
        try
        {
            selector.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }

    private void onSelectedAfterWait(final SelectionKey key)
    {
        // The cycle's clock reading is stale after a blocking wait.
        nowNs = clock.nanoTime();
        onSelected(key);
    }

    private void onSelected(final SelectionKey key)
    {
        selectedWork += ((PeerConnection)key.attachment()).onSelected(key, nowNs);
    }

    private boolean onBlock(final BlockSlot slot, final long sequence, final boolean endOfBatch)
    {
        polled++;
        polledSequence = sequence;
        nowNs = clock.nanoTime();
        final ByteBuffer view = slotViews[(int)(sequence & mask)];
        final BroadcastRecord record = slot.record;
        for (int p = 0; p < peers.length; p++)
        {
            final PeerConnection peer = peers[p];
            decisions[p] = peer.isReady() ? decide(peer, slot) : NOT_READY;
            switch (decisions[p])
            {
                case PUSH:
                case PUSH_BLIND:
                    if (peer.enqueueBlock(view, slot.blockFrameLength, sequence, nowNs))
                    {
                        peer.flush(nowNs);
                    }
                    break;
                case ANNOUNCE:
                    record.onHeaderOnly(peer.index);
                    peer.chain.onAnnounced();
                    if (peer.enqueueHeaders(view, slot.headersFrameOffset, BlockSlot.HEADERS_FRAME_LENGTH, sequence, nowNs))
                    {
                        peer.flush(nowNs);
                    }
                    break;
                case HOLD:
                    record.onHeaderOnly(peer.index);
                    record.finish(peer.index, PeerOutcome.HELD_BACK, FailureReason.NONE);
                    peer.metrics.onHeldBack();
                    break;
                default:
                    record.finish(peer.index, PeerOutcome.NOT_READY, FailureReason.NOT_READY);
                    break;
            }
        }
        // Every write is issued; now the hash (the producer is finishing it) for what comes back.
        slot.awaitHash(sequence);
        for (int p = 0; p < peers.length; p++)
        {
            if (decisions[p] == PUSH || decisions[p] == PUSH_BLIND)
            {
                peers[p].chain.onPushed(slot.hash, decisions[p] == PUSH_BLIND);
            }
        }
        return true;
    }

    /**
     * Ban safety (Dash Core: an unconnectable unsolicited block costs 10 points, every tenth
     * unconnecting {@code headers} 20): push when the peer has the parent or we pushed it the parent
     * on this connection (messages are handled in order); push once "blind" to a peer whose tip we
     * have not learned yet (the usual case right after connecting) and learn from its answer;
     * otherwise announce the header (a peer with the parent asks with {@code getdata}), and after a
     * few unanswered announcements hold the block back silently.
     */
    private int decide(final PeerConnection peer, final BlockSlot slot)
    {
        final PeerChainState chain = peer.chain;
        if (chain.contains(slot.prevHash) || chain.pushedContains(slot.prevHash))
        {
            return PUSH;
        }
        if (!chain.tipLearned() && ctx.pushWhenParentUnknown() && chain.blindPushes() == 0)
        {
            return PUSH_BLIND;
        }
        return chain.unansweredAnnouncements() < MAX_UNANSWERED_ANNOUNCEMENTS ? ANNOUNCE : HOLD;
    }

    void onBlockWritten(final PeerConnection peer, final long sequence, final long nowNs)
    {
        final BlockSlot slot = ring.get(sequence);
        final BroadcastRecord record = slot.record;
        if (record.handoffNs(peer.index) == 0)
        {
            record.onHandoff(peer.index, nowNs);
            peer.metrics.onSent(nowNs - slot.submitNs);
        }
    }

    void onAck(final PeerConnection peer, final long sequence, final long nowNs)
    {
        final BlockSlot slot = ring.get(sequence);
        final BroadcastRecord record = slot.record;
        slot.awaitHash(sequence);
        if (peer.chain.contains(slot.prevHash))
        {
            // Processed, and its parent was there: it connected.
            peer.chain.add(slot.hash);
            peer.chain.onTipLearned();
        }
        else
        {
            // A pong proves processing, not acceptance: ask whether the peer has it now.
            peer.requestHeaderOf(slot.hash, nowNs);
        }
        if (record.outcome(peer.index) == PeerOutcome.PENDING)
        {
            record.onAck(peer.index, nowNs);
            peer.metrics.onAcked(nowNs - slot.submitNs);
        }
    }

    void onPeerFailed(final PeerConnection peer, final FailureReason reason)
    {
        for (long s = finishedSequence + 1; s <= polledSequence; s++)
        {
            final BroadcastRecord record = ring.get(s).record;
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
     * Answer a peer's {@code getdata} from a slot this loop still holds.
     */
    void serveBlock(final PeerConnection peer, final DirectBuffer hash, final int hashOffset, final long nowNs)
    {
        if (!peer.isReady())
        {
            return;
        }
        for (long s = polledSequence; s > released.get(); s--)
        {
            final BlockSlot slot = ring.get(s);
            slot.awaitHash(s);
            if (slot.hashEquals(hash, hashOffset))
            {
                if (peer.isReady() && !peer.holdsBlock(s) && !peer.awaitsAck(s) &&
                    peer.enqueueBlock(slotViews[(int)(s & mask)], slot.blockFrameLength, s, nowNs))
                {
                    peer.flush(nowNs);
                }
                return;
            }
        }
    }

    /**
     * Settle outcomes past the broadcast timeout, then finish slots in order once every peer of this
     * loop has a final outcome; the last loop to finish a slot completes its receipt.
     */
    private int finishSlots()
    {
        int work = 0;
        while (finishedSequence < polledSequence)
        {
            final long sequence = finishedSequence + 1;
            final BlockSlot slot = ring.get(sequence);
            if (nowNs - slot.submitNs > ctx.broadcastTimeoutNs())
            {
                settleTimedOut(slot, sequence);
            }
            if (!allFinal(slot.record))
            {
                break;
            }
            finishedSequence = sequence;
            work++;
            if (slot.pendingLoops.decrementAndGet() == 0)
            {
                owner.complete(slot, nowNs);
            }
        }
        return work;
    }

    private void settleTimedOut(final BlockSlot slot, final long sequence)
    {
        final BroadcastRecord record = slot.record;
        for (final PeerConnection peer : peers)
        {
            final int i = peer.index;
            if (record.outcome(i) != PeerOutcome.PENDING)
            {
                continue;
            }
            if (peer.holdsSlot(sequence) || record.handoffNs(i) != 0)
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

    private void updateRelease()
    {
        long candidate = Math.min(finishedSequence, polledSequence - ctx.retainedBlocks());
        for (final PeerConnection peer : peers)
        {
            final long lowest = peer.lowestHeldSequence();
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
}
