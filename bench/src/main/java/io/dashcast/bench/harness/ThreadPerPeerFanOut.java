package io.dashcast.bench.harness;

import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Thread-per-peer blocking writes, the straightforward design: one thread and one blocking socket
 * per peer, each woken through its own queue to write the shared pre-framed buffer (its own view).
 */
final class ThreadPerPeerFanOut implements FanOut
{
    private static final long POLL_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final Object GO = new Object();

    private final AtomicInteger written = new AtomicInteger();
    private Writer[] writers;
    private volatile String problem;
    private long lastHandoffNs;

    @Override
    public void start(final ReceiverLink link, final Workload workload) throws IOException
    {
        final int[] ports = link.open(workload.peers);
        writers = new Writer[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            final SocketChannel channel =
                SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[i]));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            writers[i] = new Writer(i, channel, workload.frame.duplicate(), workload.frameLength);
            writers[i].start();
        }
    }

    @Override
    public void send(final long sample)
    {
        written.set(0);
        for (final Writer writer : writers)
        {
            if (!writer.queue.offer(GO))
            {
                throw new HarnessException("thread-per-peer: writer " + writer.peer + " is backlogged");
            }
        }
    }

    @Override
    public void awaitHandoff(final long sample, final Delivery delivery, final long deadlineNs)
    {
        while (written.get() < writers.length)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new HarnessException("thread-per-peer: only " + written.get() + " of " + writers.length
                    + " writes completed");
            }
            LockSupport.parkNanos(POLL_NS);
        }
        final String p = problem;
        if (p != null)
        {
            throw new HarnessException(p);
        }
        long last = 0;
        for (final Writer writer : writers)
        {
            last = Math.max(last, writer.handoffNs);
        }
        lastHandoffNs = last;
    }

    @Override
    public long firstHandoffNs()
    {
        return writers[0].handoffNs;
    }

    @Override
    public long lastHandoffNs()
    {
        return lastHandoffNs;
    }

    @Override
    public void close()
    {
        if (writers != null)
        {
            for (final Writer writer : writers)
            {
                if (writer != null)
                {
                    writer.interrupt();
                    CloseHelper.quietClose(writer.channel);
                }
            }
            for (final Writer writer : writers)
            {
                if (writer != null)
                {
                    try
                    {
                        writer.join(5_000);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * One peer's thread: take, write the whole frame with blocking writes, stamp.
     */
    private final class Writer extends Thread
    {
        final int peer;
        final SocketChannel channel;
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
        private final ByteBuffer view;
        private final int frameLength;
        volatile long handoffNs;

        Writer(final int peer, final SocketChannel channel, final ByteBuffer view, final int frameLength)
        {
            super("peer-writer-" + peer);
            setDaemon(true);
            this.peer = peer;
            this.channel = channel;
            this.view = view;
            this.frameLength = frameLength;
        }

        @Override
        public void run()
        {
            try
            {
                while (!isInterrupted())
                {
                    queue.take();
                    view.limit(frameLength).position(0);
                    while (view.hasRemaining())
                    {
                        channel.write(view);
                    }
                    handoffNs = System.nanoTime();
                    written.incrementAndGet();
                }
            }
            catch (final InterruptedException ex)
            {
                // closing
            }
            catch (final IOException ex)
            {
                if (channel.isOpen())
                {
                    problem = "thread-per-peer: peer " + peer + ": " + ex.getMessage();
                }
            }
        }
    }
}
