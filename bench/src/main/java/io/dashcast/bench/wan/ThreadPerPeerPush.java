package io.dashcast.bench.wan;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * The baselines: the block framed once, written with blocking writes.
 * <ul>
 *   <li>all at once: one thread and one socket per peer, all released together, so the kernel
 *       interleaves the peers' segments on the shared uplink;</li>
 *   <li>sequential: one thread writes the whole block to peer 0, then peer 1, ... with a small
 *       SO_SNDBUF, so a write returns only when all but that much has left: the strict priority
 *       order, the bound on what ordering can do for the first peers.</li>
 * </ul>
 */
final class ThreadPerPeerPush implements BlockPush
{
    private final boolean sequential;
    private final int sendBufferBytes;
    private SocketChannel[] channels;
    private ByteBuffer frame;
    private Thread[] threads;
    private Semaphore[] go;
    private volatile boolean running = true;
    private volatile String problem;

    /**
     * @param sequential      one peer after another on one thread, else all at once.
     * @param sendBufferBytes SO_SNDBUF, 0 for the kernel's auto-tuning.
     */
    ThreadPerPeerPush(final boolean sequential, final int sendBufferBytes)
    {
        this.sequential = sequential;
        this.sendBufferBytes = sendBufferBytes;
    }

    @Override
    public void start(final InetSocketAddress[] peers, final byte[] blockBytes)
    {
        frame = ByteBuffer.allocateDirect(HEADER_LENGTH + blockBytes.length);
        final UnsafeBuffer view = new UnsafeBuffer(frame);
        view.putBytes(HEADER_LENGTH, blockBytes);
        frame.limit(new MessageFramer(Network.REGTEST.magic(), blockBytes.length)
            .frame(view, 0, Command.BLOCK, blockBytes.length));
        channels = new SocketChannel[peers.length];
        try
        {
            for (int i = 0; i < peers.length; i++)
            {
                channels[i] = SocketChannel.open();
                if (sendBufferBytes > 0)
                {
                    channels[i].setOption(StandardSocketOptions.SO_SNDBUF, sendBufferBytes);
                }
                channels[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
                channels[i].connect(peers[i]);
            }
        }
        catch (final IOException ex)
        {
            close();
            throw new UncheckedIOException("cannot connect", ex);
        }
        if (!sequential)
        {
            startThreads();
        }
    }

    private void startThreads()
    {
        threads = new Thread[channels.length];
        go = new Semaphore[channels.length];
        for (int i = 0; i < channels.length; i++)
        {
            final int peer = i;
            go[i] = new Semaphore(0);
            threads[i] = new Thread(() -> writeLoop(peer), "wan-peer-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    private void writeLoop(final int peer)
    {
        final ByteBuffer view = frame.duplicate();
        try
        {
            while (running)
            {
                if (go[peer].tryAcquire(100, TimeUnit.MILLISECONDS))
                {
                    writeAll(channels[peer], view);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            problem = "peer " + peer + ": " + ex.getMessage();
        }
    }

    private void writeAll(final SocketChannel channel, final ByteBuffer view) throws IOException
    {
        view.clear().limit(frame.limit());
        while (view.hasRemaining())
        {
            channel.write(view);
        }
    }

    @Override
    public void push()
    {
        if (problem != null)
        {
            throw new IllegalStateException(problem);
        }
        if (!sequential)
        {
            for (final Semaphore s : go)
            {
                s.release();
            }
            return;
        }
        final ByteBuffer view = frame.duplicate();
        try
        {
            for (final SocketChannel channel : channels)
            {
                writeAll(channel, view);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void afterRound()
    {
        // the baselines send the same frame every round: the receiver only counts it
    }

    @Override
    public void close()
    {
        running = false;
        if (threads != null)
        {
            for (final Thread t : threads)
            {
                try
                {
                    t.join(1_000);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (channels != null)
        {
            for (final SocketChannel c : channels)
            {
                org.agrona.CloseHelper.quietClose(c);
            }
        }
    }
}
