package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Sha256d;
import org.agrona.CloseHelper;
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
 * to a loopback sink that this warmer drains itself. Its own scratch slot, never the ring; nothing
 * reaches a peer. Used by {@link Broadcaster#launch} before the first block
 * ({@link BroadcasterContext#warmUpIterations}) and by an idle loop
 * ({@link BroadcasterContext#keepWarmIdleNs}). Not thread safe: one per thread.
 */
final class SendPathWarmer implements AutoCloseable
{
    /** A small block of a few transactions, most iterations. */
    private static final int SMALL_TXS = 4;
    /** A large block, every {@link #LARGE_EVERY}-th iteration: loops over many transactions, long writes. */
    private static final int LARGE_TXS = 1500;
    private static final int LARGE_EVERY = 16;
    private static final int TX_PAD_BYTES = 100;
    /** Bytes of one dummy transaction. */
    static final int TX_BYTES = 4 + 1 + 36 + 1 + TX_PAD_BYTES + 4 + 1 + 8 + 1 + 25 + 4;

    private final SubmitScratch scratch;
    private final BlockSlot slot;
    private final UnsafeBuffer small;
    private final UnsafeBuffer large;
    private final SocketChannel sinkOut;
    private final SocketChannel sinkIn;
    private final ByteBuffer frameView;
    private final ByteBuffer drain = ByteBuffer.allocateDirect(256 * 1024);
    private final boolean compactBlocks;
    private long iterations;

    /**
     * @param ctx the concluded context (network, compact blocks).
     * @throws UncheckedIOException if the loopback sink cannot be opened.
     */
    SendPathWarmer(final BroadcasterContext ctx)
    {
        this(ctx, null);
    }

    /**
     * @param ctx    the concluded context (network, compact blocks).
     * @param helper the broadcaster's hash helper, so its path is warm too; or null.
     * @throws UncheckedIOException if the loopback sink cannot be opened.
     */
    SendPathWarmer(final BroadcasterContext ctx, final HashHelper helper)
    {
        scratch = new SubmitScratch(new MessageFramer(ctx.network()), new BlockGate(ctx.network(), helper));
        small = block(SMALL_TXS, scratch.view);
        large = block(LARGE_TXS, scratch.view);
        slot = new BlockSlot(large.capacity(), new java.util.concurrent.atomic.AtomicReferenceArray<>(0));
        frameView = slot.byteBuffer.duplicate();
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
     * One dummy block through the path: validate, copy and frame, compact frame, X11, write both
     * frames to the sink.
     */
    void warmOnce()
    {
        final UnsafeBuffer block = iterations++ % LARGE_EVERY == 0 ? large : small;
        scratch.view.wrap(block, 0, block.capacity());
        // The validation gate's X11 and merkle walk, as every real block takes them (verdict unused).
        scratch.gate.check(scratch.view, scratch.gateHash);
        slot.fill(block, 0, block.capacity(), scratch.view, scratch.framer, iterations, System.nanoTime(), 1, compactBlocks,
            scratch.gate.checksum());
        slot.publishCompact(scratch.ids, scratch.framer, iterations, iterations, scratch.view.knownTxids());
        slot.publishHash(scratch.x11, iterations);
        write(0, slot.blockFrameLength);
        if (slot.compactFrameLength > 0)
        {
            write(slot.compactFrameOffset, slot.compactFrameLength);
        }
    }

    private void write(final int offset, final int length)
    {
        frameView.limit(offset + length).position(offset);
        try
        {
            while (frameView.hasRemaining())
            {
                sinkOut.write(frameView);
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
    }

    /**
     * A structurally valid block of {@code txCount} one-in one-out transactions (the first a
     * coinbase) with its merkle root set: enough for every step of the path, never sent to a peer.
     */
    static UnsafeBuffer block(final int txCount, final BlockView view)
    {
        final int txLength = TX_BYTES;
        final int countBytes = txCount < 0xfd ? 1 : 3;
        final int length = BlockView.HEADER_LENGTH + countBytes + txCount * txLength;
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
            b.putByte(p + 13, (byte)25);
            p += 14 + 25;
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
