package io.dashcast.bench.sendfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * N connected loopback socket pairs: the sending ends, non-blocking, for the benchmark thread; the
 * receiving ends drained by one thread blocked in {@code select}, which counts bytes per
 * connection and stamps {@code System.nanoTime()} when every connection has received frame number
 * k in full (frames are back to back, all the same length).
 */
final class LoopbackSinks implements AutoCloseable
{
    private final SocketChannel[] senders;
    private final SocketChannel[] receivers;
    private final Selector selector;
    private final Thread thread;
    private final long frameLength;
    private final long[] receivedBytes;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);
    private volatile boolean running = true;
    private volatile long completedFrames;
    private volatile long lastCompletionNs;
    private volatile Throwable failure;

    /**
     * @param peers       connections.
     * @param frameLength bytes of one frame.
     * @throws UncheckedIOException when loopback sockets cannot be opened.
     */
    LoopbackSinks(final int peers, final int frameLength)
    {
        this.frameLength = frameLength;
        senders = new SocketChannel[peers];
        receivers = new SocketChannel[peers];
        receivedBytes = new long[peers];
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            selector = Selector.open();
            for (int i = 0; i < peers; i++)
            {
                senders[i] = SocketChannel.open(server.getLocalAddress());
                senders[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
                senders[i].configureBlocking(false);
                receivers[i] = server.accept();
                receivers[i].configureBlocking(false);
                receivers[i].register(selector, SelectionKey.OP_READ, i);
            }
        }
        catch (final IOException ex)
        {
            close();
            throw new UncheckedIOException("cannot open loopback sockets", ex);
        }
        thread = new Thread(this::run, "sendfile-sinks");
        thread.setDaemon(true);
        thread.start();
    }

    SocketChannel[] senders()
    {
        return senders;
    }

    /** @return frames every connection has received in full so far. */
    long completedFrames()
    {
        return completedFrames;
    }

    /** @return when the last completed frame was complete on every connection. */
    long lastCompletionNs()
    {
        return lastCompletionNs;
    }

    /** @return what stopped the receiving thread, or null. */
    Throwable failure()
    {
        return failure;
    }

    private void run()
    {
        try
        {
            while (running)
            {
                if (selector.select(100) > 0)
                {
                    selector.selectedKeys().forEach(this::drain);
                    selector.selectedKeys().clear();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            failure = ex;
        }
    }

    private void drain(final SelectionKey key)
    {
        final int peer = (Integer)key.attachment();
        try
        {
            int n;
            do
            {
                scratch.clear();
                n = receivers[peer].read(scratch);
                if (n > 0)
                {
                    receivedBytes[peer] += n;
                }
            }
            while (n > 0);
            if (n < 0)
            {
                throw new IOException("peer " + peer + " closed");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        checkCompletion();
    }

    private void checkCompletion()
    {
        final long next = completedFrames + 1;
        for (final long received : receivedBytes)
        {
            if (received < next * frameLength)
            {
                return;
            }
        }
        lastCompletionNs = System.nanoTime();
        completedFrames = next;
    }

    @Override
    public void close()
    {
        running = false;
        if (thread != null)
        {
            try
            {
                thread.join(2_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(selector);
        for (int i = 0; i < senders.length; i++)
        {
            closeQuietly(senders[i]);
            closeQuietly(receivers[i]);
        }
    }

    private static void closeQuietly(final AutoCloseable c)
    {
        if (c != null)
        {
            try
            {
                c.close();
            }
            catch (final Exception ignored)
            {
                // closing a benchmark's socket: nothing left to do with the error
            }
        }
    }
}
