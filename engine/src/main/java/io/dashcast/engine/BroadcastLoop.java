package io.dashcast.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
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
 * Which frame each peer gets is the {@link SendPolicy}'s call, recorded in the receipt. Ban
 * safety: a peer known to be on a tip other than the block's parent gets only the block's header
 * (if it has the parent it asks with {@code getdata}, answered from the slot), since Dash Core
 * scores an unconnectable unsolicited block with 10 points. Compact frames (a few kB) go out before
 * full blocks when the producer has finished them, else right after the full blocks.
 * <p>
 * A compact block is answerable: the peer's ack ping behind it holds the slot (see
 * {@link PeerConnection#lowestHeldSequence()}) until its pong, and Dash Core sends any
 * {@code getblocktxn} before that pong; answering one queues the transactions' byte ranges from the
 * slot and a fresh ack ping, which holds the slot again.
 */
final class BroadcastLoop implements Agent
{
    private static final long TIMER_INTERVAL_NS = 1_000_000L;
    /** Below Dash Core's MAX_UNCONNECTING_HEADERS (10), whose every multiple costs 20 points. */
    private static final int MAX_UNANSWERED_ANNOUNCEMENTS = 8;
    private static final int PUSH = 1;
    private static final int PUSH_BLIND = 2;
    private static final int ANNOUNCE = 3;
    private static final int HOLD = 4;
    private static final int PACING_MIN_FRAME_BYTES = 256 * 1024;
    private static final int PACED_CAPACITY = 1024;

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
    private final Sha256d sha256d = new Sha256d();
    private final SendPolicy policy;
    private PeerConnection[] peers = new PeerConnection[0];
    private SendReason[] decisions = new SendReason[0];
    private boolean[] blind = new boolean[0];
    private final int[] pacedPeer = new int[PACED_CAPACITY];
    private final long[] pacedSequence = new long[PACED_CAPACITY];
    private final long[] pacedAtNs = new long[PACED_CAPACITY];
    private long pacedHead;
    private long pacedTail;
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
        this.policy = new SendPolicy(ctx.uplinkMbps(), ctx.compactBlocks());
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
        this.decisions = new SendReason[peers.length];
        this.blind = new boolean[peers.length];
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
        if (pacedHead < pacedTail)
        {
            work += doPacedWork();
        }
        work += finishSlots();
        if (work > 0)
        {
            // Release can only move after something happened: skip the scan on idle spins (it showed in
            // a JFR profile of a busy-spinning loop).
            updateRelease();
        }
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
        final boolean compactReady = slot.compactReady(sequence);
        for (int i = 0; i < peers.length; i++)
        {
            final PeerConnection peer = peers[i];
            decisions[i] = null;
            if (!peer.isReady())
            {
                record.finish(peer.index, PeerOutcome.NOT_READY, FailureReason.NOT_READY);
                continue;
            }
            final int mode = banMode(peer, slot);
            if (mode == HOLD)
            {
                record.onHeaderOnly(peer.index);
                record.finish(peer.index, PeerOutcome.HELD_BACK, FailureReason.NONE);
                peer.metrics.onHeldBack();
                continue;
            }
            blind[i] = mode == PUSH_BLIND;
            final SendReason reason = policy.decide(mode != ANNOUNCE, peer.compactVersion(),
                peer.endpoint.ownNode(), peer.metrics.lastRttNs, slot.blockFrameLength, slot.compactFrameLength);
            decisions[i] = reason;
            record.onSend(peer.index, reason.frameKind(), reason);
            if (reason.frameKind() == FrameKind.HEADER_ONLY)
            {
                record.onHeaderOnly(peer.index);
                peer.chain.onAnnounced();
                if (peer.enqueueHeaders(view, slot.headersFrameOffset, BlockSlot.HEADERS_FRAME_LENGTH, sequence, nowNs))
                {
                    peer.flush(nowNs);
                }
            }
            else if (reason.frameKind() == FrameKind.COMPACT_BLOCK && compactReady)
            {
                sendCompact(peer, slot, view, sequence);
            }
        }
        final long spacingNs = pacingSpacingNs(slot.blockFrameLength);
        long startNs = nowNs;
        for (int i = 0; i < peers.length; i++)
        {
            if (decisions[i] == null || decisions[i].frameKind() != FrameKind.FULL_BLOCK)
            {
                continue;
            }
            if (spacingNs > 0 && startNs != nowNs && pace(i, sequence, startNs))
            {
                startNs += spacingNs;
                continue;
            }
            startNs += spacingNs;
            if (peers[i].enqueueBlock(view, slot.blockFrameLength, sequence, nowNs))
            {
                peers[i].flush(nowNs);
            }
        }
        if (!compactReady)
        {
            for (int i = 0; i < peers.length; i++)
            {
                if (decisions[i] != null && decisions[i].frameKind() == FrameKind.COMPACT_BLOCK)
                {
                    slot.awaitCompact(sequence);
                    sendCompact(peers[i], slot, view, sequence);
                }
            }
        }
        // Every write is issued; now the hash (the producer is finishing it) for what comes back.
        slot.awaitHash(sequence);
        for (int i = 0; i < peers.length; i++)
        {
            if (decisions[i] != null && decisions[i].frameKind() != FrameKind.HEADER_ONLY)
            {
                peers[i].chain.onPushed(slot.hash, blind[i]);
            }
        }
        return true;
    }

    /**
     * With an uplink budget, a big block goes to one peer after another at this loop's share of the
     * line rate, in priority order, rather than to all at once: the kernel would interleave every
     * stream on the shared uplink and the first critical peer would finish with the last (measured in
     * bench/README-wan.md). Returns the time between two peers' starts, or 0 for no pacing.
     */
    private long pacingSpacingNs(final int frameBytes)
    {
        final int uplinkMbps = ctx.uplinkMbps();
        if (uplinkMbps <= 0 || frameBytes < PACING_MIN_FRAME_BYTES)
        {
            return 0;
        }
        return (long)frameBytes * 8L * 1_000L * ctx.loopCount() / uplinkMbps;
    }

    private boolean pace(final int peer, final long sequence, final long startNs)
    {
        if (pacedTail - pacedHead == PACED_CAPACITY)
        {
            return false;
        }
        final int i = (int)(pacedTail & (PACED_CAPACITY - 1));
        pacedPeer[i] = peer;
        pacedSequence[i] = sequence;
        pacedAtNs[i] = startNs;
        pacedTail++;
        return true;
    }

    /**
     * Start the paced writes whose time has come.
     */
    private int doPacedWork()
    {
        int work = 0;
        while (pacedHead < pacedTail)
        {
            final int i = (int)(pacedHead & (PACED_CAPACITY - 1));
            if (pacedSequence[i] >= 0 && nowNs - pacedAtNs[i] < 0)
            {
                break;
            }
            final long sequence = pacedSequence[i];
            pacedHead++;
            if (sequence < 0)
            {
                continue;
            }
            final PeerConnection peer = peers[pacedPeer[i]];
            final BlockSlot slot = ring.get(sequence);
            if (peer.isReady() && slot.record.outcome(peer.index) == PeerOutcome.PENDING &&
                peer.enqueueBlock(slotViews[(int)(sequence & mask)], slot.blockFrameLength, sequence, nowNs))
            {
                peer.flush(nowNs);
            }
            work++;
        }
        return work;
    }

    private long lowestPacedSequence()
    {
        long lowest = Long.MAX_VALUE;
        for (long s = pacedHead; s < pacedTail; s++)
        {
            final long sequence = pacedSequence[(int)(s & (PACED_CAPACITY - 1))];
            if (sequence >= 0)
            {
                lowest = Math.min(lowest, sequence);
            }
        }
        return lowest;
    }

    private void cancelPaced(final long sequence)
    {
        for (long s = pacedHead; s < pacedTail; s++)
        {
            final int i = (int)(s & (PACED_CAPACITY - 1));
            if (pacedSequence[i] == sequence)
            {
                pacedSequence[i] = -1;
            }
        }
    }

    private void sendCompact(final PeerConnection peer, final BlockSlot slot, final ByteBuffer view, final long sequence)
    {
        if (peer.enqueueCompact(view, slot.compactFrameOffset, slot.compactFrameLength, sequence, nowNs))
        {
            peer.flush(nowNs);
        }
    }

    /**
     * Ban safety (Dash Core: an unconnectable unsolicited block costs 10 points, every tenth
     * unconnecting {@code headers} 20): push when the peer has the parent or we pushed it the parent
     * on this connection (messages are handled in order); push once "blind" to a peer whose tip we
     * have not learned yet (the usual case right after connecting) and learn from its answer;
     * otherwise announce the header (a peer with the parent asks with {@code getdata}), and after a
     * few unanswered announcements hold the block back silently.
     */
    private int banMode(final PeerConnection peer, final BlockSlot slot)
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

    /**
     * Run a host look-up off this loop.
     */
    void resolve(final Runnable lookUp)
    {
        owner.resolve(lookUp);
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
     * Answer a peer's {@code getdata} from a slot this loop still holds: a compact block when asked
     * for one and the block has one, else the full block.
     */
    void serveBlock(
        final PeerConnection peer, final DirectBuffer hash, final int hashOffset, final FrameKind wanted, final long nowNs)
    {
        if (!peer.isReady())
        {
            return;
        }
        final long s = findSlot(hash, hashOffset);
        if (s < 0 || peer.holdsBlock(s))
        {
            return;
        }
        final BlockSlot slot = ring.get(s);
        final ByteBuffer view = slotViews[(int)(s & mask)];
        peer.supersedeAcks(s);
        final boolean compact = wanted == FrameKind.COMPACT_BLOCK && slot.compactFrameLength > 0;
        if (compact)
        {
            slot.awaitCompact(s);
        }
        final boolean queued = compact ?
            peer.enqueueCompact(view, slot.compactFrameOffset, slot.compactFrameLength, s, nowNs) :
            peer.enqueueBlock(view, slot.blockFrameLength, s, nowNs);
        if (queued)
        {
            onRequested(peer, slot, s, compact ? FrameKind.COMPACT_BLOCK : FrameKind.FULL_BLOCK);
            peer.flush(nowNs);
        }
    }

    /**
     * Answer a peer's {@code getblocktxn} with {@code blocktxn} from the slot's block, or with the
     * full block when the answer would not fit the peer's queue. A request naming a transaction the
     * block does not have, or a block we no longer hold, gets no answer.
     */
    void serveBlockTxn(final PeerConnection peer, final GetBlockTxnFlyweight request, final long nowNs)
    {
        if (!peer.isReady())
        {
            return;
        }
        final long s = findSlot(request.buffer(), request.hashOffset());
        if (s < 0)
        {
            return;
        }
        final BlockSlot slot = ring.get(s);
        slot.awaitCompact(s);
        final int count = request.count();
        if (count > 0 && request.index(count - 1) >= slot.view.transactionCount())
        {
            return;
        }
        final ByteBuffer view = slotViews[(int)(s & mask)];
        peer.supersedeAcks(s);
        if (peer.enqueueBlockTxn(view, slot.view, request.buffer(), request.hashOffset(), request, sha256d, s, nowNs))
        {
            onRequested(peer, slot, s, FrameKind.COMPACT_BLOCK);
            peer.flush(nowNs);
        }
        else if (peer.enqueueBlock(view, slot.blockFrameLength, s, nowNs))
        {
            onRequested(peer, slot, s, FrameKind.FULL_BLOCK);
            peer.flush(nowNs);
        }
    }

    private void onRequested(final PeerConnection peer, final BlockSlot slot, final long sequence, final FrameKind frame)
    {
        // A finished slot's record may be in a listener's hands: leave it alone.
        if (sequence > finishedSequence && slot.record.frame(peer.index) != frame)
        {
            slot.record.onSend(peer.index, frame, SendReason.REQUESTED);
        }
    }

    private long findSlot(final DirectBuffer hash, final int hashOffset)
    {
        for (long s = polledSequence; s > released.get(); s--)
        {
            final BlockSlot slot = ring.get(s);
            slot.awaitHash(s);
            if (slot.hashEquals(hash, hashOffset))
            {
                return s;
            }
        }
        return -1;
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
        cancelPaced(sequence);
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
        if (pacedHead < pacedTail)
        {
            candidate = Math.min(candidate, lowestPacedSequence() - 1);
        }
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
