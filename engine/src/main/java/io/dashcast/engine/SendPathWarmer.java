package io.dashcast.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.VarInt;
import org.agrona.CloseHelper;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Runs a block's path through the engine on dummy blocks, so the first real block after start, or
 * after minutes of quiet, finds it compiled and in cache: validation ({@link BlockView}), the copy
 * and checksum into a slot, the headers and compact frames, X11, and socket writes of the frames
 * to a loopback sink that this warmer drains itself. Its own scratch slot and its own small ring of
 * the broadcaster's kind (claimed, published and polled), never the broadcaster's ring; nothing
 * reaches a peer. The blocks come in both forms an ingress hands over, over a {@code byte[]}
 * (the gateway) and in direct memory (the api, shared memory): code compiled for one form alone is
 * thrown away when the other first comes, and that was the first real block (measured in
 * docs/bench-deployment-2026-12-07-warm-up.md). Used by {@link Broadcaster#launch} before the first block
 * ({@link BroadcasterContext#warmUpIterations}) and by an idle loop
 * ({@link BroadcasterContext#keepWarmIdleNs}). Not thread safe: one per thread.
 */
final class SendPathWarmer implements AutoCloseable, OutboundQueue.CompletionListener
{
    /** A small block of a few transactions, most iterations. */
    private static final int SMALL_TXS = 4;
    /** A large block, every {@link #LARGE_EVERY}-th iteration: loops over many transactions, long writes. */
    private static final int LARGE_TXS = 1500;
    private static final int LARGE_EVERY = 16;
    private static final int TX_PAD_BYTES = 100;
    private static final long ASSUMED_RTT_NS = 1_000_000;
    /** Bytes of an ordinary output's script (pay-to-pubkey-hash). */
    static final int OUTPUT_SCRIPT_BYTES = 25;
    /** Bytes of one dummy transaction. */
    static final int TX_BYTES = 4 + 1 + 36 + 1 + TX_PAD_BYTES + 4 + 1 + 8 + 1 + OUTPUT_SCRIPT_BYTES + 4;

    private final SubmitScratch scratch;
    private final BlockSlot slot;
    /** Each block twice: over a {@code byte[]} (as the gateway hands it) and in direct memory (api, shm). */
    private final UnsafeBuffer[] small;
    private final UnsafeBuffer[] large;
    private final SocketChannel sinkOut;
    private final SocketChannel sinkIn;
    private final ByteBuffer frameView;
    private final PeerOutbox outbox;
    private final SendPolicy policy;
    private final NanoClock clock;
    private final long broadcastTimeoutNs;
    private final ByteBuffer drain = ByteBuffer.allocateDirect(256 * 1024);
    private final boolean compactBlocks;
    /**
     * A ring of the broadcaster's kind, claimed, published and polled here: the Disruptor's first
     * claim links its VarHandle call sites (spinning method handles, ~1 ms) and its code is
     * compiled before a real block is the first to use it.
     */
    private final RingBuffer<long[]> rehearsalRing = RingBuffer.createMultiProducer(() -> new long[1], 8, new YieldingWaitStrategy());
    private final EventPoller<long[]> rehearsalPoller = rehearsalRing.newPoller();
    private final EventPoller.Handler<long[]> onRehearsal = this::onRehearsal;
    private long iterations;
    private long directIterations;

    /**
     * @param ctx the concluded context (network, compact blocks).
     * @throws UncheckedIOException if the loopback sink cannot be opened.
     */
    SendPathWarmer(final BroadcasterContext ctx)
    {
        this(ctx, (HashHelper)null);
    }

    /**
     * @param ctx    the concluded context (network, compact blocks).
     * @param helper the broadcaster's hash helper, so its path is warm too; or null.
     * @throws UncheckedIOException if the loopback sink cannot be opened.
     */
    SendPathWarmer(final BroadcasterContext ctx, final HashHelper helper)
    {
        this(ctx, new SubmitScratch(new MessageFramer(ctx.network()), new BlockGate(ctx.network(), helper)));
    }

    /**
     * @param ctx     the concluded context (network, compact blocks, peer capacity).
     * @param scratch a producer thread's own tools, so that thread's first real block finds them
     *                used: {@link Broadcaster#launch} passes the launching thread's.
     * @throws UncheckedIOException if the loopback sink cannot be opened.
     */
    SendPathWarmer(final BroadcasterContext ctx, final SubmitScratch scratch)
    {
        this.scratch = scratch;
        small = heapAndDirect(block(SMALL_TXS, scratch.view));
        large = heapAndDirect(block(LARGE_TXS, scratch.view));
        // A peer table as long as the broadcaster's, so the record's per-peer reset runs its whole loop.
        slot = new BlockSlot(large[0].capacity(), new java.util.concurrent.atomic.AtomicReferenceArray<>(Math.max(1, ctx.peerCapacity())));
        frameView = slot.byteBuffer.duplicate();
        outbox = new PeerOutbox(ctx.network());
        policy = new SendPolicy(ctx.effectiveUplinkMbps(), ctx.compactBlocks(), ctx.pushWhenParentUnknown());
        clock = ctx.nanoClock();
        broadcastTimeoutNs = ctx.broadcastTimeoutNs();
        compactBlocks = ctx.compactBlocks();
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sinkOut = SocketChannel.open(server.getLocalAddress());
            sinkIn = server.accept();
            sinkOut.setOption(StandardSocketOptions.TCP_NODELAY, true);
            sinkOut.configureBlocking(false);
            sinkIn.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the warm-up sink on loopback: " + ex.getMessage(), ex);
        }
    }

    /**
     * Run the path this many times (every {@link #LARGE_EVERY}-th on the large block).
     *
     * @param count iterations.
     * @return iterations run.
     */
    int warm(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            warmOnce();
        }
        return count;
    }

    /**
     * One dummy block through the path: the ring's claim, validate, copy and frame, compact frame,
     * X11, the send decision, and both frames written to the sink through a peer's outbox.
     */
    void warmOnce()
    {
        // Both forms in turn: code compiled for one alone is thrown away when the other first comes.
        final UnsafeBuffer block = (iterations % LARGE_EVERY == 0 ? large : small)[(int)(iterations / LARGE_EVERY) & 1];
        iterations++;
        if (block.byteArray() == null)
        {
            directIterations++;
        }
        rehearseRing();
        scratch.view.wrap(block, 0, block.capacity());
        // The validation gate's X11 and merkle walk, as every real block takes them (verdict unused).
        scratch.gate.check(scratch.view, scratch.gateHash);
        slot.fill(block, 0, block.capacity(), scratch.view, scratch.framer, iterations, System.nanoTime(), 1, compactBlocks,
            scratch.gate.checksum());
        slot.publishCompact(scratch.ids, scratch.framer, iterations, iterations, scratch.view.knownTxids());
        // The hash the gate computed, as a real block's slot takes it.
        slot.publishHash(scratch.gateHash, iterations);
        send();
    }

    /**
     * The send step as a loop takes it for a peer: the policy's decision (every branch in turn),
     * the record's entries, the frames queued in a {@link PeerOutbox} with an ack ping behind each,
     * and its gathered writes to the sink; then the outbox is emptied as a pong would.
     */
    private void send()
    {
        final long nowNs = clock.nanoTime();
        final SendReason reason = policy.decide((iterations & 7) != 0, iterations & 1, (iterations & 2) != 0,
            (iterations & 4) != 0, ASSUMED_RTT_NS, slot.blockFrameLength, slot.compactFrameLength);
        slot.record.onSend(0, reason.frameKind(), reason);
        outbox.addBlockFrame(frameView, 0, slot.blockFrameLength, iterations, OutboundQueue.BLOCK, iterations, nowNs);
        if (slot.compactFrameLength > 0)
        {
            outbox.addBlockFrame(frameView, slot.compactFrameOffset, slot.compactFrameOffset + slot.compactFrameLength,
                iterations, OutboundQueue.CMPCT, -iterations, nowNs);
        }
        try
        {
            while (outbox.hasQueued())
            {
                outbox.writeTo(sinkOut, this, clock, Long.MAX_VALUE);
                drain.clear();
                while (sinkIn.read(drain) > 0)
                {
                    drain.clear();
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("warm-up sink: " + ex.getMessage(), ex);
        }
        // A peer's timer asks whether the ack ping behind a block is overdue while one is pending.
        if (outbox.acks().isOverdue(clock.nanoTime(), broadcastTimeoutNs))
        {
            slot.record.finish(0, PeerOutcome.FAILED, FailureReason.BROADCAST_TIMEOUT);
        }
        slot.record.finish(0, PeerOutcome.ACKED, FailureReason.NONE);
        outbox.clear();
    }

    @Override
    public void onRangeWritten(final byte kind, final long sequence, final long nowNs)
    {
        slot.record.onHandoff(0, nowNs);
    }

    private void rehearseRing()
    {
        try
        {
            final long sequence = rehearsalRing.tryNext();
            try
            {
                rehearsalRing.get(sequence)[0] = iterations;
            }
            finally
            {
                rehearsalRing.publish(sequence);
            }
            rehearsalPoller.poll(onRehearsal);
        }
        catch (final Exception ex)
        {
            // InsufficientCapacityException cannot happen (polled every time); poll declares Exception.
            throw new IllegalStateException("warm-up ring: " + ex, ex);
        }
    }

    private boolean onRehearsal(final long[] event, final long sequence, final boolean endOfBatch)
    {
        return event[0] == iterations;
    }

    /**
     * @return the last sequence claimed and published on the rehearsal ring (-1 before the first).
     */
    long rehearsalCursor()
    {
        return rehearsalRing.getCursor();
    }

    /**
     * @return bytes written to the sink through the warmer's peer outbox (frames and ack pings).
     */
    long writtenBytes()
    {
        return outbox.writtenBytes();
    }

    /**
     * @return iterations whose block lay in direct memory (the others lay over a {@code byte[]}).
     */
    long directIterations()
    {
        return directIterations;
    }

    private static UnsafeBuffer[] heapAndDirect(final UnsafeBuffer heap)
    {
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(heap.capacity()));
        direct.putBytes(0, heap, 0, heap.capacity());
        return new UnsafeBuffer[]{heap, direct};
    }

    /**
     * A structurally valid block of {@code txCount} one-in one-out transactions (the first a
     * coinbase) with its merkle root set: enough for every step of the path, never sent to a peer.
     */
    static UnsafeBuffer block(final int txCount, final BlockView view)
    {
        return block(txCount, OUTPUT_SCRIPT_BYTES, view);
    }

    /**
     * Grind a dummy block's nonce, from {@code nonce} on, until regtest's gate passes it (half of all
     * nonces do), so the block takes the whole gate, merkle walk included.
     *
     * @param block    the block; its nonce is written.
     * @param view     a walk to wrap it in.
     * @param gate     regtest's gate.
     * @param hash     receives the block's hash.
     * @param nonce    the first nonce to try.
     * @param maxTries nonces to try before giving up (the block keeps the last).
     * @return the nonce after the last one tried.
     */
    static int grindNonce(
        final UnsafeBuffer block, final BlockView view, final BlockGate gate, final byte[] hash, final int nonce,
        final int maxTries)
    {
        int next = nonce;
        for (int tries = 0; tries < maxTries; tries++)
        {
            block.putInt(BlockView.NONCE_OFFSET, next++);
            view.wrap(block, 0, block.capacity());
            if (gate.check(view, hash) == BlockGate.PASSED)
            {
                break;
            }
        }
        return next;
    }

    /**
     * As {@link #block(int, BlockView)}, the coinbase's output script {@code coinbaseScriptBytes}
     * long: from 65,536 on its length takes the 5-byte varint, and a big coinbase makes a big block
     * of few transactions (one merkle subtree) whose compact form may not fit its slot.
     */
    static UnsafeBuffer block(final int txCount, final int coinbaseScriptBytes, final BlockView view)
    {
        final int countBytes = txCount < 0xfd ? 1 : 3;
        final int coinbaseExtra = coinbaseScriptBytes - OUTPUT_SCRIPT_BYTES + VarInt.sizeOf(coinbaseScriptBytes) - 1;
        final int length = BlockView.HEADER_LENGTH + countBytes + txCount * TX_BYTES + coinbaseExtra;
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        b.putInt(BlockView.VERSION_OFFSET, 0x20000000);
        b.putInt(BlockView.TIME_OFFSET, 1_700_000_000);
        b.putInt(BlockView.BITS_OFFSET, 0x207fffff);
        int p = BlockView.HEADER_LENGTH;
        if (countBytes == 1)
        {
            b.putByte(p, (byte)txCount);
        }
        else
        {
            b.putByte(p, (byte)0xfd);
            b.putShort(p + 1, (short)txCount);
        }
        p += countBytes;
        for (int i = 0; i < txCount; i++)
        {
            b.putInt(p, 1);
            b.putByte(p + 4, (byte)1);
            // prevout: the coinbase's is null (zero hash, index 0xffffffff); the others' differ per tx
            b.putInt(p + 5, i);
            b.putInt(p + 5 + 32, i == 0 ? -1 : 0);
            b.putByte(p + 41, (byte)TX_PAD_BYTES);
            b.putInt(p + 42, i);
            p += 42 + TX_PAD_BYTES;
            b.putInt(p, -1);
            b.putByte(p + 4, (byte)1);
            b.putLong(p + 5, 50_000L + i);
            final int script = i == 0 ? coinbaseScriptBytes : OUTPUT_SCRIPT_BYTES;
            p += 13;
            p += VarInt.write(b, p, script) + script;
            b.putInt(p, 0);
            p += 4;
        }
        view.wrap(b, 0, length);
        final byte[] root = new byte[Sha256d.HASH_LENGTH];
        view.computeMerkleRoot(new Sha256d(), root, 0);
        b.putBytes(BlockView.MERKLE_ROOT_OFFSET, root);
        return b;
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(sinkOut, sinkIn);
    }
}
