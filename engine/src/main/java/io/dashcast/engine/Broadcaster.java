package io.dashcast.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.X11;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embeddable broadcaster: keeps handshaken connections to the configured Dash peers and
 * pushes each submitted block to all of them at once.
 * <pre>{@code
 * try (Broadcaster b = Broadcaster.launch(new BroadcasterContext()
 *         .network(Network.MAINNET)
 *         .addPeer(PeerEndpoint.of("127.0.0.1", 9999, PeerPriority.CRITICAL))))
 * {
 *     long sequence = b.submit(blockBuffer, 0, blockLength);   // never blocks; < 0 is a rejection
 * }
 * }</pre>
 * {@link #submit(DirectBuffer, int, int)} validates the block's structure, copies it once into a
 * pre-allocated Disruptor ring slot and frames it once (on the caller's thread), then returns; the
 * broadcast loops write that same buffer to every peer. It never blocks: a full ring returns
 * {@link #RING_FULL}.
 */
public final class Broadcaster implements AutoCloseable
{
    /** The ring has no free slot: every slot still serves earlier blocks. Retry or report. */
    public static final long RING_FULL = -1;
    /** The bytes are not a well-formed block. */
    public static final long INVALID_BLOCK = -2;
    /** The block exceeds {@link BroadcasterContext#maxBlockBytes()}. */
    public static final long TOO_LARGE = -3;
    /** The broadcaster is closed. */
    public static final long CLOSED = -4;
    /** The header fails its own proof of work (X11 above the target from {@code bits}), or {@code bits} is unusable. */
    public static final long BAD_PROOF_OF_WORK = -5;
    /** The transactions do not hash to the header's merkle root. */
    public static final long BAD_MERKLE_ROOT = -6;

    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private final BroadcasterContext ctx;
    private final RingBuffer<BlockSlot> ring;
    private final BroadcastLoop[] loops;
    private final AgentRunner[] runners;
    private final PeerMetrics[] metrics;
    private final ThreadLocal<SubmitScratch> scratch;
    private final AtomicLong submitted = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlightSubmits = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final Recorder broadcastRecorder = new Recorder(HIGHEST_NS, 3);
    private final Recorder firstPeerRecorder = new Recorder(HIGHEST_NS, 3);
    private final Histogram broadcastHistogram = new Histogram(HIGHEST_NS, 3);
    private final Histogram firstPeerHistogram = new Histogram(HIGHEST_NS, 3);
    private volatile boolean closed;
    private java.util.concurrent.ExecutorService resolver;
    private final ParallelSubmitter paths;

    private Broadcaster(final BroadcasterContext ctx)
    {
        this.ctx = ctx;
        final List<PeerEndpoint> peers = List.copyOf(ctx.peers());
        this.ring = RingBuffer.createMultiProducer(
            () -> new BlockSlot(ctx.maxBlockBytes(), peers), ctx.ringSize(), new YieldingWaitStrategy());
        this.scratch = ThreadLocal.withInitial(() -> new SubmitScratch(new MessageFramer(ctx.network()), new BlockGate(ctx.network())));
        this.metrics = new PeerMetrics[peers.size()];
        this.loops = new BroadcastLoop[ctx.loopCount()];
        for (int i = 0; i < loops.length; i++)
        {
            loops[i] = new BroadcastLoop(i, ctx, this, ring);
        }
        assignPeers(peers);
        this.runners = new AgentRunner[loops.length];
        for (int i = 0; i < loops.length; i++)
        {
            runners[i] = new AgentRunner(idleStrategy(loops[i]), ctx.errorHandler(), null, loops[i]);
        }
        this.paths = new ParallelSubmitter(this, ctx);
    }

    /**
     * Validate the context, open the ring and start the broadcast loops; peers connect at once.
     *
     * @param ctx configuration.
     * @return the running broadcaster.
     */
    public static Broadcaster launch(final BroadcasterContext ctx)
    {
        ctx.conclude();
        final Broadcaster broadcaster = new Broadcaster(ctx);
        for (final AgentRunner runner : broadcaster.runners)
        {
            AgentRunner.startOnThread(runner);
        }
        return broadcaster;
    }

    /**
     * Peers are sorted by priority (stable within one) and dealt round-robin to the loops, so each
     * loop writes its critical peers first and critical peers spread over all loops.
     */
    private void assignPeers(final List<PeerEndpoint> peers)
    {
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++)
        {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> peers.get(i).priority()).thenComparing(i -> i));
        final List<List<PeerConnection>> perLoop = new ArrayList<>();
        for (int i = 0; i < loops.length; i++)
        {
            perLoop.add(new ArrayList<>());
        }
        int next = 0;
        for (final int index : order)
        {
            final PeerEndpoint endpoint = peers.get(index);
            metrics[index] = new PeerMetrics(endpoint);
            final BroadcastLoop loop = loops[next];
            // Resolved once here, never on a broadcast loop (a DNS look-up would block it).
            final InetSocketAddress address = ctx.hostResolver().resolve(endpoint.host(), endpoint.port());
            perLoop.get(next).add(new PeerConnection(
                index, endpoint, address, metrics[index], ctx, loop, loop.selector(), new X11()));
            next = (next + 1) % loops.length;
        }
        for (int i = 0; i < loops.length; i++)
        {
            loops[i].peers(perLoop.get(i).toArray(new PeerConnection[0]));
        }
    }

    private IdleStrategy idleStrategy(final BroadcastLoop loop)
    {
        switch (ctx.idleMode())
        {
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            case YIELD:
                return new YieldingIdleStrategy();
            case BLOCKING_SELECT:
                return new SelectorIdleStrategy(loop);
            default:
                return new BackoffIdleStrategy(
                    100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    /**
     * Submit a block for broadcast. Never blocks.
     *
     * @param block  buffer holding the serialized block (the {@code block} message payload).
     * @param offset first byte.
     * @param length bytes.
     * @return the ring sequence (>= 0), or {@link #RING_FULL}, {@link #INVALID_BLOCK},
     * {@link #TOO_LARGE} or {@link #CLOSED}.
     */
    public long submit(final DirectBuffer block, final int offset, final int length)
    {
        return submit(block, offset, length, null);
    }

    /**
     * Submit a block held in an array. Never blocks.
     *
     * @param block serialized block.
     * @return as {@link #submit(DirectBuffer, int, int)}.
     */
    public long submit(final byte[] block)
    {
        return submit(scratch.get().wrap(block), 0, block.length, null);
    }

    /**
     * Submit a block and get its receipt when every peer's outcome is known (allocates; for callers
     * who prefer a future to a {@link ReceiptListener}). Never blocks.
     *
     * @param block serialized block.
     * @return the receipt, or a future failed with {@link BroadcastRejectedException}.
     */
    public CompletableFuture<BroadcastReceipt> submitAsync(final byte[] block)
    {
        final CompletableFuture<BroadcastReceipt> future = new CompletableFuture<>();
        final long result = submit(scratch.get().wrap(block), 0, block.length, future);
        if (result < 0)
        {
            future.completeExceptionally(new BroadcastRejectedException(result));
        }
        return future;
    }

    /**
     * Submit a block held in any buffer (e.g. a shared-memory record, copied once into the slot) and
     * get its receipt. Never blocks.
     *
     * @param block  buffer holding the serialized block.
     * @param offset first byte.
     * @param length bytes.
     * @return the receipt, or a future failed with {@link BroadcastRejectedException}.
     */
    public CompletableFuture<BroadcastReceipt> submitAsync(final DirectBuffer block, final int offset, final int length)
    {
        final CompletableFuture<BroadcastReceipt> future = new CompletableFuture<>();
        final long result = submit(block, offset, length, future);
        if (result < 0)
        {
            future.completeExceptionally(new BroadcastRejectedException(result));
        }
        return future;
    }

    private long submit(
        final DirectBuffer block, final int offset, final int length, final CompletableFuture<BroadcastReceipt> future)
    {
        inFlightSubmits.incrementAndGet();
        try
        {
            if (closed)
            {
                rejected.incrementAndGet();
                return CLOSED;
            }
            return claimAndPublish(block, offset, length, future);
        }
        finally
        {
            inFlightSubmits.decrementAndGet();
        }
    }

    private long claimAndPublish(
        final DirectBuffer block, final int offset, final int length, final CompletableFuture<BroadcastReceipt> future)
    {
        return claimAndPublish(block, offset, length, future, ctx.validateBlocks());
    }

    private long claimAndPublish(
        final DirectBuffer block, final int offset, final int length, final CompletableFuture<BroadcastReceipt> future,
        final boolean validate)
    {
        if (length > ctx.maxBlockBytes())
        {
            rejected.incrementAndGet();
            return TOO_LARGE;
        }
        final SubmitScratch s = scratch.get();
        try
        {
            s.view.wrap(block, offset, length);
        }
        catch (final ProtocolException ex)
        {
            rejected.incrementAndGet();
            return INVALID_BLOCK;
        }
        if (validate)
        {
            final int verdict = s.gate.check(s.view, s.gateHash);
            if (verdict != BlockGate.PASSED)
            {
                rejected.incrementAndGet();
                return verdict == BlockGate.BAD_MERKLE_ROOT ? BAD_MERKLE_ROOT :
                    verdict == BlockGate.NO_COINBASE ? INVALID_BLOCK : BAD_PROOF_OF_WORK;
            }
        }
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            rejected.incrementAndGet();
            return RING_FULL;
        }
        final BlockSlot slot = ring.get(sequence);
        try
        {
            slot.future = future;
            slot.fill(block, offset, length, s.view, s.framer, sequence, ctx.nanoClock().nanoTime(), loops.length,
                ctx.compactBlocks());
        }
        finally
        {
            ring.publish(sequence);
        }
        if (ctx.idleMode() == IdleMode.BLOCKING_SELECT)
        {
            for (final BroadcastLoop loop : loops)
            {
                loop.selector().wakeup();
            }
        }
        // The loops are already writing full blocks; the compact frame follows (compact peers wait for
        // it), then the hash, needed only for what comes back.
        slot.publishCompact(s.ids, s.framer, ThreadLocalRandom.current().nextLong(), sequence);
        slot.publishHash(s.x11, sequence);
        submitted.incrementAndGet();
        return sequence;
    }

    /**
     * Send a block down every path at once: the P2P fan-out and, when the context names a local
     * dashd ({@link BroadcasterContext#dashdRpc}), its RPC {@code submitblock} on the fallback
     * thread, in parallel. The block passes the validation gate first (a failing block reaches no
     * peer; dashd still gives its verdict by RPC), and a block seen before is not sent again: the
     * result is a duplicate of the first submission. Never blocks.
     *
     * @param block serialized block; owned by the broadcaster from now on (the RPC path reads it later).
     * @return the submission, with a future per path.
     */
    public Submission submitAll(final byte[] block)
    {
        return paths.submit(scratch.get().wrap(block), 0, block.length, block);
    }

    /**
     * As {@link #submitAll(byte[])}, from any buffer (e.g. a shared-memory record): copied into the
     * ring slot and, for the RPC path, once into an array; the buffer is free when this returns.
     *
     * @param block  buffer holding the serialized block.
     * @param offset first byte.
     * @param length bytes.
     * @return the submission, with a future per path.
     */
    public Submission submitAll(final DirectBuffer block, final int offset, final int length)
    {
        return paths.submit(block, offset, length, null);
    }

    /**
     * @return the local dashd RPC path, or null when the context names none.
     */
    public io.dashcast.engine.dashd.RpcFallback fallback()
    {
        return paths.fallback();
    }

    /**
     * Publish a block the caller already walked and gated ({@link ParallelSubmitter}).
     */
    long submitValidated(
        final DirectBuffer block, final int offset, final int length, final CompletableFuture<BroadcastReceipt> future)
    {
        inFlightSubmits.incrementAndGet();
        try
        {
            if (closed)
            {
                rejected.incrementAndGet();
                return CLOSED;
            }
            return claimAndPublish(block, offset, length, future, false);
        }
        finally
        {
            inFlightSubmits.decrementAndGet();
        }
    }

    void countRejected()
    {
        rejected.incrementAndGet();
    }

    /**
     * Called by the last loop to finish a slot: record totals and deliver the receipt.
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
        final ReceiptListener listener = ctx.receiptListener();
        if (listener != null)
        {
            try
            {
                listener.onReceipt(record);
            }
            catch (final RuntimeException ex)
            {
                ctx.errorHandler().onError(ex);
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

    /**
     * @return a snapshot of totals, latency distributions and per-peer health.
     */
    public synchronized BroadcasterStats stats()
    {
        broadcastHistogram.add(broadcastRecorder.getIntervalHistogram());
        firstPeerHistogram.add(firstPeerRecorder.getIntervalHistogram());
        final List<PeerStats> peers = new ArrayList<>(metrics.length);
        int ready = 0;
        for (final PeerMetrics m : metrics)
        {
            final PeerStats p = m.snapshot();
            if (p.state() == PeerState.READY)
            {
                ready++;
            }
            peers.add(p);
        }
        return new BroadcasterStats(submitted.get(), rejected.get(), completed.get(), unsent.get(), ready,
            LatencySummary.of(broadcastHistogram), LatencySummary.of(firstPeerHistogram), List.copyOf(peers));
    }

    /**
     * Run a host look-up on the resolver thread, started on first use (DNS can block for seconds).
     */
    void resolve(final Runnable lookUp)
    {
        synchronized (this)
        {
            if (resolver == null)
            {
                resolver = java.util.concurrent.Executors.newSingleThreadExecutor(r ->
                {
                    final Thread t = new Thread(r, ctx.threadNamePrefix() + "resolver");
                    t.setDaemon(true);
                    return t;
                });
            }
        }
        try
        {
            resolver.execute(lookUp);
        }
        catch (final java.util.concurrent.RejectedExecutionException ex)
        {
            // closing
        }
    }

    /**
     * @return peers READY now.
     */
    public int readyPeerCount()
    {
        int ready = 0;
        for (final PeerMetrics m : metrics)
        {
            if (m.state == PeerState.READY)
            {
                ready++;
            }
        }
        return ready;
    }

    /**
     * @return the validated configuration.
     */
    public BroadcasterContext context()
    {
        return ctx;
    }

    /**
     * @param code a negative result of {@code submit}.
     * @return what it means, for logs and errors.
     */
    public static String describe(final long code)
    {
        if (code == RING_FULL)
        {
            return "ring full: every slot still serves earlier blocks";
        }
        if (code == INVALID_BLOCK)
        {
            return "not a well-formed block";
        }
        if (code == TOO_LARGE)
        {
            return "block larger than the configured maximum";
        }
        if (code == CLOSED)
        {
            return "broadcaster closed";
        }
        if (code == BAD_PROOF_OF_WORK)
        {
            return "refused: the header fails its own proof of work";
        }
        if (code == BAD_MERKLE_ROOT)
        {
            return "refused: the transactions do not match the merkle root";
        }
        return code >= 0 ? "accepted as sequence " + code : "unknown result " + code;
    }

    /**
     * Stop the loops: peers are closed and every pending receipt completes with SHUTDOWN failures.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            // A submit that passed the check before it was set finishes publishing first, so the loops'
            // last poll sees its slot and it gets a receipt.
            while (inFlightSubmits.get() > 0)
            {
                Thread.onSpinWait();
            }
            for (final AgentRunner runner : runners)
            {
                runner.close();
            }
            synchronized (this)
            {
                if (resolver != null)
                {
                    resolver.shutdownNow();
                }
            }
            paths.close();
        }
    }

    private static final class SubmitScratch
    {
        final BlockView view = new BlockView();
        final X11 x11 = new X11();
        final ShortIds ids = new ShortIds();
        final MessageFramer framer;
        final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);
        final BlockGate gate;
        final byte[] gateHash = new byte[32];

        SubmitScratch(final MessageFramer framer, final BlockGate gate)
        {
            this.framer = framer;
            this.gate = gate;
        }

        UnsafeBuffer wrap(final byte[] block)
        {
            arrayView.wrap(block);
            return arrayView;
        }
    }
}
