package io.dashcast.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * One broadcast thread: owns a selector and a share of the peers, pulls framed blocks from the
 * ring and writes each slot's one buffer to every ready peer, critical peers first, without
 * copying. Partial writes finish on OP_WRITE while the other peers proceed. Which frame each peer
 * gets is the {@link SendPolicy}'s call (ban safety first), recorded in the receipt; compact frames
 * (a few kB) go out before full blocks when the producer has finished them, else right after.
 * <p>
 * Its other jobs are delegated: outcomes, time-outs and slot release to {@link SlotTracker}, paced
 * writes under an uplink budget to {@link PacedSends}, {@code getdata}/{@code getblocktxn} to
 * {@link BlockRequestServer}, blocks held back for want of their parent to {@link HeldBackBlocks}.
 * {@link #doWork()} reads the clock once, applies the {@link PeerCommand}s queued for it (peers
 * added, removed, re-prioritised while blocks flow; never while paced writes hold positions), polls
 * the ring, the selector and the timers: run it on its own thread or from an
 * {@link org.agrona.concurrent.AgentInvoker} ({@link ThreadingMode}).
 */
final class BroadcastLoop implements Agent
{
    private static final long TIMER_INTERVAL_NS = 1_000_000L;
    /** Commands waiting for the loop; a full queue makes the control side report a busy loop. */
    static final int COMMAND_QUEUE_CAPACITY = 1024;
    private static final int COMMANDS_PER_CYCLE = 16;
    private static final Comparator<PeerConnection> BY_PRIORITY = Comparator.comparing(p -> p.endpoint.priority());

    private final String roleName;
    private final NanoClock clock;
    private final ErrorHandler errorHandler;
    private final UploadBudget uploadBudget;
    private final Executor resolver;
    private final EventPoller<BlockSlot> poller;
    private final Selector selector;
    private final SendPolicy policy;
    private final SlotViews slots;
    private final PacedSends paced;
    private final HeldBackBlocks heldBack;
    private final SlotTracker tracker;
    private final BlockRequestServer requests;
    private PeerConnection[] peers = new PeerConnection[0];
    private SendReason[] decisions = new SendReason[0];
    private boolean[] blind = new boolean[0];
    private final ManyToOneConcurrentArrayQueue<PeerCommand> commands =
        new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE_CAPACITY);
    private final Consumer<PeerCommand> onCommand = this::onCommand;
    private Queue<PeerConnection> retired;
    private LearnedAddresses addresses;
    private boolean anyRetiring;
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final Consumer<SelectionKey> onSelectedAfterWait = this::onSelectedAfterWait;
    private final EventPoller.Handler<BlockSlot> onBlock = this::onBlock;
    private final PacedSends.Starter startPaced = this::startPaced;

    private long nowNs;
    private long nextTimerNs;
    private SendPathWarmer warmer;
    private long keepWarmIdleNs;
    private long lastBlockNs;
    private int polled;
    private int selectedWork;

    BroadcastLoop(
        final int id,
        final BroadcasterContext ctx,
        final RingBuffer<BlockSlot> ring,
        final ObjLongConsumer<BlockSlot> completer,
        final Executor resolver,
        final ErrorHandler errorHandler)
    {
        this.roleName = ctx.threadNamePrefix() + id;
        this.clock = ctx.nanoClock();
        this.errorHandler = errorHandler;
        this.resolver = resolver;
        this.policy = new SendPolicy(ctx.effectiveUplinkMbps(), ctx.compactBlocks(), ctx.pushWhenParentUnknown());
        this.poller = ring.newPoller();
        this.slots = new SlotViews(ring);
        this.paced = new PacedSends(ctx.effectiveUplinkMbps(), ctx.loopCount());
        this.uploadBudget = new UploadBudget(ctx.uploadCapBytesPerSecond() / ctx.loopCount());
        this.heldBack = new HeldBackBlocks(slots, ctx.broadcastTimeoutNs());
        this.tracker = new SlotTracker(slots, ctx, completer, paced, heldBack);
        this.heldBack.tracker(tracker);
        this.requests = new BlockRequestServer(slots, tracker, heldBack);
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

    SlotTracker slots()
    {
        return tracker;
    }

    BlockRequestServer requests()
    {
        return requests;
    }

    HeldBackBlocks heldBack()
    {
        return heldBack;
    }

    Executor resolver()
    {
        return resolver;
    }

    /**
     * @return this loop's share of the overall upload cap, shared by its peers.
     */
    UploadBudget uploadBudget()
    {
        return uploadBudget;
    }

    /**
     * @return where this loop's errors go (the distinct-error log).
     */
    ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    void peers(final PeerConnection[] peers)
    {
        this.peers = peers;
        this.decisions = new SendReason[peers.length];
        this.blind = new boolean[peers.length];
        tracker.peers(peers);
    }

    /**
     * @param retired where closed removed peers go back to the control side (their index is free then).
     */
    void retiredQueue(final Queue<PeerConnection> retired)
    {
        this.retired = retired;
    }

    /**
     * @param addresses where the loop's peers' relayed addresses go (shared by all loops).
     */
    void addresses(final LearnedAddresses addresses)
    {
        this.addresses = addresses;
    }

    LearnedAddresses addresses()
    {
        return addresses;
    }

    /**
     * Queue a change of this loop's peers; any thread.
     *
     * @return false when the queue is full.
     */
    boolean offer(final PeerCommand command)
    {
        return commands.offer(command);
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
        int work = 0;
        if (paced.isEmpty() && !commands.isEmpty())
        {
            // Paced writes name peers by position: the array changes only when none are queued.
            work += commands.drain(onCommand, COMMANDS_PER_CYCLE);
        }
        polled = 0;
        poller.poll(onBlock);
        work += polled;
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
            if (anyRetiring && paced.isEmpty())
            {
                work += closeRetired();
            }
            heldBack.expire(nowNs);
        }
        if (!paced.isEmpty())
        {
            work += paced.poll(nowNs, startPaced);
        }
        work += tracker.finishSlots(nowNs);
        if (warmer != null && nowNs - lastBlockNs > keepWarmIdleNs)
        {
            // Quiet for a while: keep the send path compiled and in cache for the next block.
            warmer.warmOnce();
            lastBlockNs = clock.nanoTime();
        }
        if (work > 0)
        {
            // Release can only move after something happened: skip the scan on idle spins (it showed in
            // a JFR profile of a busy-spinning loop).
            tracker.updateRelease();
        }
        return work;
    }

    /**
     * Keep the send path warm when no block came for a while ({@link BroadcasterContext#keepWarmIdleNs}).
     *
     * @param warmer this loop's own warmer, closed with the loop.
     * @param idleNs quiet time before each warm-up block.
     */
    void keepWarm(final SendPathWarmer warmer, final long idleNs)
    {
        this.warmer = warmer;
        this.keepWarmIdleNs = idleNs;
        this.lastBlockNs = clock.nanoTime();
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
        CloseHelper.quietClose(warmer);
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
            errorHandler.onError(ex);
        }
        tracker.finishSlots(nowNs);
        try
        {
            selector.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }

    private void onCommand(final PeerCommand command)
    {
        switch (command.kind)
        {
            case ADD:
                final PeerConnection added = command.connection;
                final PeerConnection[] grown = Arrays.copyOf(peers, peers.length + 1);
                grown[peers.length] = added;
                // Stable: the newcomer goes after the peers of its own priority.
                Arrays.sort(grown, BY_PRIORITY);
                peers(grown);
                tracker.onPeerJoined(added);
                break;
            case REMOVE:
                final PeerConnection removed = find(command.index);
                if (removed != null)
                {
                    removed.retiring = true;
                    anyRetiring = true;
                }
                break;
            default:
                final PeerConnection changed = find(command.index);
                if (changed != null)
                {
                    changed.endpoint = command.endpoint;
                    final PeerConnection[] sorted = peers.clone();
                    Arrays.sort(sorted, BY_PRIORITY);
                    peers(sorted);
                }
                break;
        }
    }

    private PeerConnection find(final int index)
    {
        for (final PeerConnection peer : peers)
        {
            if (peer.index == index)
            {
                return peer;
            }
        }
        return null;
    }

    /**
     * Close removed peers whose blocks all have an outcome (written and acked, failed or timed out:
     * the broadcast time-out bounds the wait) and nothing left in their send queue.
     */
    private int closeRetired()
    {
        int closed = 0;
        boolean waiting = false;
        for (final PeerConnection peer : peers)
        {
            if (!peer.retiring)
            {
                continue;
            }
            final boolean connectedBusy = peer.isConnected() &&
                (tracker.hasPending(peer) || peer.outbox().lowestHeldSequence() != Long.MAX_VALUE);
            if (connectedBusy)
            {
                waiting = true;
                continue;
            }
            peer.close(FailureReason.REMOVED);
            closed++;
        }
        if (closed > 0)
        {
            final PeerConnection[] kept = new PeerConnection[peers.length - closed];
            int k = 0;
            for (final PeerConnection peer : peers)
            {
                // Only those closed now leave: a removed peer still finishing its block stays.
                if (peer.retiring && peer.state() == PeerState.CLOSED)
                {
                    if (retired != null)
                    {
                        retired.offer(peer);
                    }
                }
                else
                {
                    kept[k++] = peer;
                }
            }
            peers(kept);
        }
        anyRetiring = waiting;
        return closed;
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
        tracker.onPolled(sequence);
        nowNs = clock.nanoTime();
        lastBlockNs = nowNs;
        final ByteBuffer view = slots.view(sequence);
        final boolean compactReady = slot.compactReady(sequence);
        for (int i = 0; i < peers.length; i++)
        {
            decisions[i] = decide(peers[i], slot, sequence, view, compactReady, i);
        }
        sendFullBlocks(slot, sequence, view);
        if (!compactReady)
        {
            for (int i = 0; i < peers.length; i++)
            {
                if (decisions[i] != null && decisions[i].frameKind() == FrameKind.COMPACT_BLOCK)
                {
                    slot.awaitCompact(sequence);
                    peers[i].sendCompact(view, slot.compactFrameOffset, slot.compactFrameLength, sequence, nowNs);
                }
            }
        }
        // Every write is issued; now the hash (the producer is finishing it) for what comes back.
        slot.awaitHash(sequence);
        for (int i = 0; i < peers.length; i++)
        {
            if (decisions[i] == null)
            {
                continue;
            }
            if (decisions[i].frameKind() == FrameKind.HEADER_ONLY)
            {
                peers[i].chain.onAnnounced(slot.hash);
            }
            else
            {
                peers[i].chain.onPushed(slot.hash, blind[i], decisions[i].frameKind() == FrameKind.FULL_BLOCK);
                heldBack.onChainGained(peers[i], nowNs);
            }
        }
        return true;
    }

    /**
     * Decide one peer's frame; header-only announcements and ready compact frames go out at once.
     *
     * @return the decision, or null when the peer gets nothing now.
     */
    private SendReason decide(
        final PeerConnection peer, final BlockSlot slot, final long sequence, final ByteBuffer view,
        final boolean compactReady, final int position)
    {
        final BroadcastRecord record = slot.record;
        if (peer.retiring)
        {
            record.finish(peer.index, PeerOutcome.NOT_READY, FailureReason.REMOVED);
            return null;
        }
        if (!peer.isReady())
        {
            record.finish(peer.index, PeerOutcome.NOT_READY, FailureReason.NOT_READY);
            return null;
        }
        final int mode = policy.banMode(peer.chain, slot.prevHash);
        if (mode == SendPolicy.HOLD)
        {
            record.onHeaderOnly(peer.index);
            record.finish(peer.index, PeerOutcome.HELD_BACK, FailureReason.NONE);
            peer.metrics.onHeldBack();
            heldBack.add(peer, sequence);
            return null;
        }
        blind[position] = mode == SendPolicy.PUSH_BLIND;
        final SendReason reason = policy.decide(mode != SendPolicy.ANNOUNCE, peer.compactVersion(),
            peer.endpoint.ownNode(), peer.compactHistory.likelyReconstructs(), peer.metrics.lastRttNs,
            slot.blockFrameLength, slot.compactFrameLength);
        peer.compactHistory.onDecided(reason, sequence);
        record.onSend(peer.index, reason.frameKind(), reason);
        if (reason.frameKind() == FrameKind.HEADER_ONLY)
        {
            record.onHeaderOnly(peer.index);
            heldBack.add(peer, sequence);
            peer.sendHeaders(view, slot.headersFrameOffset, BlockSlot.HEADERS_FRAME_LENGTH, sequence, nowNs);
        }
        else if (reason.frameKind() == FrameKind.COMPACT_BLOCK && compactReady)
        {
            peer.sendCompact(view, slot.compactFrameOffset, slot.compactFrameLength, sequence, nowNs);
        }
        return reason;
    }

    /**
     * Full blocks in priority order; under an uplink budget a big block's peers start one after
     * another (see {@link PacedSends}), the first at once.
     */
    private void sendFullBlocks(final BlockSlot slot, final long sequence, final ByteBuffer view)
    {
        final long spacingNs = paced.spacingNs(slot.blockFrameLength);
        long startNs = nowNs;
        for (int i = 0; i < peers.length; i++)
        {
            if (decisions[i] == null || decisions[i].frameKind() != FrameKind.FULL_BLOCK)
            {
                continue;
            }
            final boolean later = spacingNs > 0 && startNs != nowNs && paced.add(i, sequence, startNs);
            startNs += spacingNs;
            if (!later)
            {
                peers[i].sendBlock(view, slot.blockFrameLength, sequence, nowNs);
            }
        }
    }

    private void startPaced(final int position, final long sequence)
    {
        final PeerConnection peer = peers[position];
        final BlockSlot slot = slots.slot(sequence);
        if (peer.isReady() && slot.record.outcome(peer.index) == PeerOutcome.PENDING)
        {
            peer.sendBlock(slots.view(sequence), slot.blockFrameLength, sequence, nowNs);
        }
    }
}
