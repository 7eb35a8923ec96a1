package io.dashcast.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.X11;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>
 * The peer set is live: {@link #addPeer}, {@link #removePeer}, {@link #pinPeer} and
 * {@link #prioritisePeer} change it while blocks flow, answering at once with a
 * {@link PeerChange}; the change reaches the peer's loop as a command through its queue. The
 * configured peers are pinned.
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

    private final BroadcasterContext ctx;
    private final RingBuffer<BlockSlot> ring;
    private final BroadcastLoop[] loops;
    private final LoopRunners runners;
    private final LivePeers live;
    private final ThreadLocal<SubmitScratch> scratch;
    private final BroadcasterErrors errors;
    private final ReceiptDispatcher receipts;
    private final ResolverThread resolver;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicInteger inFlightSubmits = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;
    private final int rehearsedBlocks;
    private final long rehearsalNs;
    private final ParallelSubmitter paths;
    private final HashHelper hashHelper;

    private Broadcaster(final BroadcasterContext ctx, final int rehearsedBlocks, final long rehearsalNs)
    {
        this.ctx = ctx;
        this.rehearsedBlocks = rehearsedBlocks;
        this.rehearsalNs = rehearsalNs;
        final List<PeerEndpoint> peers = List.copyOf(ctx.peers());
        final java.util.concurrent.atomic.AtomicReferenceArray<PeerEndpoint> table =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(ctx.peerCapacity());
        this.ring = RingBuffer.createMultiProducer(
            () -> new BlockSlot(ctx.maxBlockBytes(), table), ctx.ringSize(), new YieldingWaitStrategy());
        this.hashHelper = ctx.parallelHashing() ? new HashHelper(ctx.threadNamePrefix() + "hash") : null;
        this.scratch = ThreadLocal.withInitial(
            () -> new SubmitScratch(new MessageFramer(ctx.network()), new BlockGate(ctx.network(), hashHelper)));
        this.errors = new BroadcasterErrors(ctx.errorLogBufferBytes(), ctx.epochClock(), ctx.errorHandler());
        this.receipts = new ReceiptDispatcher(ctx.receiptListener(), errors);
        this.resolver = new ResolverThread(ctx.threadNamePrefix() + "resolver");
        this.loops = new BroadcastLoop[ctx.loopCount()];
        for (int i = 0; i < loops.length; i++)
        {
            loops[i] = new BroadcastLoop(i, ctx, ring, receipts::complete, resolver, errors);
            if (ctx.keepWarmIdleNs() > 0)
            {
                loops[i].keepWarm(new SendPathWarmer(ctx, hashHelper), ctx.keepWarmIdleNs());
            }
        }
        this.live = new LivePeers(ctx, loops, table);
        live.assignConfigured(peers);
        this.runners = new LoopRunners(loops, ctx.threadingMode(), ctx.idleMode(), errors);
        this.paths = new ParallelSubmitter(this, ctx, hashHelper);
    }

    /**
     * Validate the context, open the ring and start the broadcast loops; peers connect at once (in
     * {@link ThreadingMode#INVOKER}, on the first {@code invoker().invoke()}). With
     * {@link BroadcasterContext#rehearsalBlocks} a rehearsal ({@link LaunchRehearsal}) runs first, and
     * with {@link BroadcasterContext#warmUpIterations} the warm-up while the peers connect.
     *
     * @param ctx configuration.
     * @return the running broadcaster.
     */
    public static Broadcaster launch(final BroadcasterContext ctx)
    {
        ctx.conclude();
        final long rehearsalStartNs = System.nanoTime();
        // Before the real peers connect: its loops and threads are closed when it returns.
        final int rehearsed = ctx.rehearsalBlocks() > 0 ? LaunchRehearsal.run(ctx, ctx.rehearsalBlocks()) : 0;
        final long rehearsalNs = System.nanoTime() - rehearsalStartNs;
        final Broadcaster broadcaster = new Broadcaster(ctx, rehearsed, rehearsalNs);
        broadcaster.runners.start();
        if (ctx.warmUpIterations() > 0)
        {
            broadcaster.warmUp(ctx.warmUpIterations());
        }
        return broadcaster;
    }

    /**
     * @return blocks of the launch rehearsal ({@link BroadcasterContext#rehearsalBlocks}) that every
     * rehearsal peer acked; 0 when none was asked for.
     */
    public int rehearsedBlocks()
    {
        return rehearsedBlocks;
    }

    /**
     * @return how long the launch rehearsal took, in nanoseconds (about 0 when none was asked for).
     */
    public long rehearsalNs()
    {
        return rehearsalNs;
    }

    /**
     * The launch warm-up, on the launching thread while the loops connect and handshake: with that
     * thread's own scratch (the thread that launches is often the one that submits), and, when
     * the loops block in select, waking them every fourth iteration so the wake-up path they take
     * for a real block is compiled too (its first use otherwise deoptimises the selector's code).
     */
    private void warmUp(final int iterations)
    {
        try (SendPathWarmer warmer = new SendPathWarmer(ctx, scratch.get()))
        {
            for (int done = 0; done < iterations; done += warmer.warm(Math.min(4, iterations - done)))
            {
                if (ctx.idleMode() == IdleMode.BLOCKING_SELECT)
                {
                    for (final BroadcastLoop loop : loops)
                    {
                        loop.selector().wakeup();
                    }
                }
            }
        }
    }

    /**
     * Add a peer while blocks flow: it takes a free index of the peer table and starts its
     * handshake on the least-loaded loop (its host is resolved here, on the caller's thread).
     *
     * @param endpoint the peer.
     * @param pin      true to keep it until unpinned ({@link #removePeer} refuses a pinned peer).
     * @return {@link PeerChange#ADDED}, or why not.
     */
    public PeerChange addPeer(final PeerEndpoint endpoint, final boolean pin)
    {
        return closed ? PeerChange.CLOSED : live.add(endpoint, pin);
    }

    /**
     * Remove a peer while blocks flow: blocks submitted from now on leave it out, and its loop
     * closes it once its in-flight blocks have an outcome (written and acked, failed or timed out).
     *
     * @param name the peer's name ({@link PeerEndpoint#name()}).
     * @return {@link PeerChange#REMOVING}, or why not ({@link PeerChange#PINNED_PEER} for a pinned peer).
     */
    public PeerChange removePeer(final String name)
    {
        return closed ? PeerChange.CLOSED : live.remove(name);
    }

    /**
     * Pin or unpin a live peer: a pinned peer is never removed (rotation leaves it alone).
     *
     * @param name the peer's name.
     * @param pin  true to pin.
     * @return {@link PeerChange#PINNED}, {@link PeerChange#UNPINNED}, {@link PeerChange#UNCHANGED} or why not.
     */
    public PeerChange pinPeer(final String name, final boolean pin)
    {
        return closed ? PeerChange.CLOSED : live.pin(name, pin);
    }

    /**
     * Give a live peer a new priority: its loop writes to it in that priority's turn from its next
     * duty cycle on.
     *
     * @param name     the peer's name.
     * @param priority the new priority.
     * @return {@link PeerChange#PRIORITY_SET}, {@link PeerChange#UNCHANGED} or why not.
     */
    public PeerChange prioritisePeer(final String name, final PeerPriority priority)
    {
        return closed ? PeerChange.CLOSED : live.prioritise(name, priority);
    }

    /**
     * Take the addresses peers relayed since the last call ({@code addr}, {@code addrv2}: we send
     * {@code sendaddrv2} and {@code getaddr} on every handshake): IPv4, IPv6, Tor v3 and I2P, at most
     * 1,000 per message as Dash Core; for the peer store, on the control side (allocates host names).
     *
     * @param handler told of each.
     * @param limit   at most so many.
     * @return addresses read.
     */
    public int pollAddresses(final AddressHandler handler, final int limit)
    {
        return live.addresses().poll(handler, limit);
    }

    /**
     * @return relayed addresses dropped because the hand-over buffer was full.
     */
    public long droppedAddresses()
    {
        return live.addresses().dropped();
    }

    /**
     * @param name a peer's name.
     * @return true when it is live and pinned.
     */
    public boolean isPinned(final String name)
    {
        return live.isPinned(name);
    }

    /**
     * @return the live peers (those being removed left out), in index order.
     */
    public List<PeerEndpoint> livePeers()
    {
        return live.endpoints();
    }

    /**
     * @return indexes of the peer table taken: live peers and removed peers their loop has not closed yet.
     */
    public int peerTableOccupancy()
    {
        return live.occupied();
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
        long checksum = HashHelper.NO_CHECKSUM;
        if (validate)
        {
            final int verdict = s.gate.check(s.view, s.gateHash);
            if (verdict != BlockGate.PASSED)
            {
                rejected.incrementAndGet();
                return verdict == BlockGate.BAD_MERKLE_ROOT ? BAD_MERKLE_ROOT :
                    verdict == BlockGate.NO_COINBASE ? INVALID_BLOCK : BAD_PROOF_OF_WORK;
            }
            checksum = s.gate.checksum();
        }
        return publish(block, offset, length, future, s, s.view, checksum, validate ? s.gateHash : null);
    }

    /**
     * Claim a slot, copy and frame the block into it, publish it and wake the loops; then the compact
     * frame and the block hash.
     *
     * @param view      the block walked (over {@code block}), its txids known when a gate hashed them.
     * @param checksum  the block message's checksum when already hashed, else {@link HashHelper#NO_CHECKSUM}.
     * @param blockHash X11 of the block's header when the gate already hashed it (internal byte
     *                  order), else null: hashed here after publication.
     */
    private long publish(
        final DirectBuffer block, final int offset, final int length, final CompletableFuture<BroadcastReceipt> future,
        final SubmitScratch s, final BlockView view, final long checksum, final byte[] blockHash)
    {
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
            slot.fill(block, offset, length, view, s.framer, sequence, ctx.nanoClock().nanoTime(), loops.length,
                ctx.compactBlocks(), checksum);
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
        // it; its short ids come from the txids the gate's merkle pass hashed), then the hash, needed
        // only for what comes back.
        slot.publishCompact(s.ids, s.framer, ThreadLocalRandom.current().nextLong(), sequence, view.knownTxids());
        if (blockHash != null)
        {
            slot.publishHash(blockHash, sequence);
        }
        else
        {
            slot.publishHash(s.x11, sequence);
        }
        submitted.incrementAndGet();
        return sequence;
    }

    /**
     * A dry run of {@link #submitAll(byte[])}: everything it does to a block before any path takes it
     * (size bound, walk, the validation gate unless it is off, the block hash, the submission and
     * its futures), on the caller's thread with the same per-thread scratch, and nothing after: no
     * slot, no peer, no RPC, no seen-block mark, no counter. For warming an ingress (the JSON-RPC
     * gateway at start and while idle) with the code a real block takes. Never blocks.
     *
     * @param block serialized block.
     * @return a completed submission that went nowhere: {@link Submission#rejectReason()} is the
     * gate's reason when it would refuse the block (null when it would pass), its P2P refusal says
     * "dry run" (or that the block is larger than the ring's slots), and it has no receipt and no
     * RPC result.
     */
    public Submission dryRun(final byte[] block)
    {
        return dryRun(block, block.length);
    }

    /**
     * As {@link #dryRun(byte[])}, for the first {@code length} bytes of {@code block}.
     *
     * @param block  array whose first {@code length} bytes are the serialized block.
     * @param length bytes of the block.
     * @return a completed submission that went nowhere.
     * @throws IllegalArgumentException when {@code length} is negative or beyond the array, as
     * {@link #submitAll(byte[], int)}.
     */
    public Submission dryRun(final byte[] block, final int length)
    {
        if (length < 0 || length > block.length)
        {
            throw new IllegalArgumentException("length " + length + " outside the array's " + block.length + " bytes");
        }
        // As submitAll: the gate runs before the size bound is met (in the ring's claim).
        return paths.dryRun(scratch.get().wrap(block), 0, length,
            length > ctx.maxBlockBytes() ? describe(TOO_LARGE) : ParallelSubmitter.DRY_RUN);
    }

    /**
     * A structurally valid dummy block for dry runs ({@link #dryRun}): a coinbase and one-in,
     * one-out transactions with the merkle root set, regtest's easiest {@code bits} and a nonce that
     * meets them; its proof of work holds on no network but regtest. Never meant for a peer.
     *
     * @param minBytes the block is at least this long (and at least two transactions).
     * @return a new block.
     */
    public static byte[] warmUpBlock(final int minBytes)
    {
        final int txCount = Math.max(2, (minBytes + SendPathWarmer.TX_BYTES - 1) / SendPathWarmer.TX_BYTES);
        final BlockView view = new BlockView();
        final UnsafeBuffer block = SendPathWarmer.block(txCount, view);
        // A dry run on regtest takes the whole gate, merkle walk included.
        SendPathWarmer.grindNonce(block, view, new BlockGate(Network.REGTEST), new byte[32], 0, 1_000);
        return block.byteArray();
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
        return submitAll(block, block.length);
    }

    /**
     * As {@link #submitAll(byte[])}, for a block that is the first {@code length} bytes of a longer
     * array (a decode buffer sized before the block's end was known): nothing trims it.
     *
     * @param block  array whose first {@code length} bytes are the serialized block; owned by the
     *               broadcaster from now on (the RPC path reads it later).
     * @param length bytes of the block.
     * @return the submission, with a future per path.
     */
    public Submission submitAll(final byte[] block, final int length)
    {
        if (length < 0 || length > block.length)
        {
            throw new IllegalArgumentException("length " + length + " outside the array's " + block.length + " bytes");
        }
        return paths.submit(scratch.get().wrap(block), 0, length, block);
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
     * As {@link #submitAll(DirectBuffer, int, int)}, for a caller that can keep the block while the
     * ring is full (the shared-memory queue: the queue is the buffer): then nothing is sent on any
     * path and null is returned, to try again later.
     *
     * @param block  buffer holding the serialized block.
     * @param offset first byte.
     * @param length bytes.
     * @return the submission, or null when the ring is full.
     */
    public Submission trySubmitAll(final DirectBuffer block, final int offset, final int length)
    {
        return paths.submit(block, offset, length, null, true);
    }

    /**
     * @return the local dashd RPC path, or null when the context names none.
     */
    public io.dashcast.engine.dashd.RpcFallback fallback()
    {
        return paths.fallback();
    }

    /**
     * Publish a block the caller already walked and gated ({@link ParallelSubmitter}): its walk, the
     * txids and the checksum its gate hashed are used as they are.
     *
     * @param view      the caller's walk of the block, used on this thread only until this returns.
     * @param checksum  the checksum its gate computed ({@link BlockGate#checksum}), or {@link HashHelper#NO_CHECKSUM}.
     * @param blockHash X11 of the block's header, which the caller computed (internal byte order).
     */
    long submitValidated(
        final DirectBuffer block, final int offset, final int length, final CompletableFuture<BroadcastReceipt> future,
        final BlockView view, final long checksum, final byte[] blockHash)
    {
        inFlightSubmits.incrementAndGet();
        try
        {
            if (closed)
            {
                rejected.incrementAndGet();
                return CLOSED;
            }
            if (length > ctx.maxBlockBytes())
            {
                rejected.incrementAndGet();
                return TOO_LARGE;
            }
            return publish(block, offset, length, future, scratch.get(), view, checksum, blockHash);
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
     * @return a snapshot of totals, latency distributions and per-peer health.
     */
    public synchronized BroadcasterStats stats()
    {
        final LatencySummary broadcastLatency = receipts.broadcastLatency();
        final LatencySummary firstPeerLatency = receipts.firstPeerLatency();
        final java.util.concurrent.atomic.AtomicReferenceArray<PeerMetrics> metrics = live.metrics();
        final List<PeerStats> peers = new ArrayList<>();
        int ready = 0;
        for (int i = 0; i < metrics.length(); i++)
        {
            final PeerMetrics m = metrics.get(i);
            if (m == null)
            {
                continue;
            }
            final PeerStats p = m.snapshot();
            if (p.state() == PeerState.READY)
            {
                ready++;
            }
            peers.add(p);
        }
        return new BroadcasterStats(submitted.get(), rejected.get(), receipts.completed(), receipts.unsent(), ready,
            broadcastLatency, firstPeerLatency, List.copyOf(peers));
    }

    /**
     * @return the caller's handle on the loops in {@link ThreadingMode#INVOKER} (each
     * {@code invoke()} runs one duty cycle of every loop), or null when they have their own threads.
     */
    public AgentInvoker invoker()
    {
        return runners.invoker();
    }

    /**
     * @return errors seen by the loops and receipt listeners since launch (repeats included).
     */
    public long errorCount()
    {
        return errors.count();
    }

    /**
     * Read the distinct error log: each distinct error once, with its count and first and last time.
     *
     * @param consumer told of each distinct error.
     * @return distinct errors read.
     */
    public int readErrors(final ErrorConsumer consumer)
    {
        return errors.read(consumer);
    }

    /**
     * @return the distinct error log's buffer (Agrona {@code DistinctErrorLog} layout), for a reader
     * such as {@code ErrorLogReader}.
     */
    public AtomicBuffer errorLogBuffer()
    {
        return errors.buffer();
    }

    /**
     * Copy the figures kept outside counters (peer states, submit totals, ready peers) into the
     * status counters; called by whoever samples them (the daemon's sampler, {@link #stats()}).
     */
    public void updateStatusCounters()
    {
        ctx.status().counter(io.dashcast.engine.status.SystemCounterDescriptor.BLOCKS_SUBMITTED).setRelease(submitted.get());
        ctx.status().counter(io.dashcast.engine.status.SystemCounterDescriptor.BLOCKS_REJECTED).setRelease(rejected.get());
        ctx.status().counter(io.dashcast.engine.status.SystemCounterDescriptor.PEERS_READY).setRelease(readyPeerCount());
        final java.util.concurrent.atomic.AtomicReferenceArray<PeerMetrics> metrics = live.metrics();
        for (int i = 0; i < metrics.length(); i++)
        {
            final PeerMetrics m = metrics.get(i);
            if (m != null)
            {
                m.updateGauges();
            }
        }
    }

    /**
     * @return peers READY now.
     */
    public int readyPeerCount()
    {
        final java.util.concurrent.atomic.AtomicReferenceArray<PeerMetrics> metrics = live.metrics();
        int ready = 0;
        for (int i = 0; i < metrics.length(); i++)
        {
            final PeerMetrics m = metrics.get(i);
            if (m != null && m.state == PeerState.READY)
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
            runners.close();
            resolver.close();
            paths.close();
            if (hashHelper != null)
            {
                hashHelper.close();
            }
        }
    }
}
