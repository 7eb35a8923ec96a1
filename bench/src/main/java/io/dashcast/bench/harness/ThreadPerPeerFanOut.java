package io.dashcast.bench.harness;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

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
 * per peer, each woken through its own queue to write the shared frame (its own view).
 * <p>
 * Two forms. Given the ready-made frame ({@link #givenTheFrame()}), it writes the workload's frame
 * as it is: nothing is charged for validating or framing. Validating ({@link #validating()}), it is
 * handed the raw block as dashcast is, and on the submitting thread, before any writer wakes, does
 * what any sender that must not be punished has to: walks the block, hashes its header with X11,
 * checks the merkle root and copies the block into its frame behind a header whose checksum is
 * computed in that same pass (the protocol module's own classes, one thread, in the plain order).
 * Dash Core reads the checksum before the payload, so no sender can put a new block's first byte
 * on the wire before hashing all of it once.
 */
final class ThreadPerPeerFanOut implements FanOut
{
    private static final long POLL_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final Object GO = new Object();

    private final AtomicInteger written = new AtomicInteger();
    private final boolean validating;
    private final BlockView view = new BlockView();
    private final X11 x11 = new X11();
    private final Sha256d sha256d = new Sha256d();
    private final byte[] hash = new byte[32];
    private final byte[] scratch = new byte[32];
    private MessageFramer framer;
    private UnsafeBuffer frame;
    private Workload workload;
    private Writer[] writers;
    private volatile String problem;
    private long lastHandoffNs;

    private ThreadPerPeerFanOut(final boolean validating)
    {
        this.validating = validating;
    }

    /**
     * @return the baseline that writes the workload's ready-made frame.
     */
    static ThreadPerPeerFanOut givenTheFrame()
    {
        return new ThreadPerPeerFanOut(false);
    }

    /**
     * @return the baseline that validates and frames each block on the submitting thread first.
     */
    static ThreadPerPeerFanOut validating()
    {
        return new ThreadPerPeerFanOut(true);
    }

    @Override
    public void start(final ReceiverLink link, final Workload workload) throws IOException
    {
        final ByteBuffer frameBytes = prepare(workload);
        final int[] ports = link.open(workload.peers);
        writers = new Writer[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            final SocketChannel channel =
                SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[i]));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            writers[i] = new Writer(i, channel, frameBytes.duplicate(), workload.frameLength);
            writers[i].start();
        }
    }

    @Override
    public void send(final long sample)
    {
        if (validating)
        {
            validateAndFrame();
        }
        written.set(0);
        for (final Writer writer : writers)
        {
            if (!writer.queue.offer(GO))
            {
                throw new HarnessException("thread-per-peer: writer " + writer.peer + " is backlogged");
            }
        }
    }

    /**
     * @param workload what will be sent.
     * @return the bytes the writers write: the workload's frame, or when validating a frame of this
     * system's own that each send fills (the workload's ready frame is then never read).
     */
    ByteBuffer prepare(final Workload workload)
    {
        this.workload = workload;
        if (!validating)
        {
            return workload.frame;
        }
        final ByteBuffer frameBytes = BufferUtil.allocateDirectAligned(BitUtil.align(workload.frameLength, 64), 64);
        frame = new UnsafeBuffer(frameBytes);
        framer = new MessageFramer(Workload.NETWORK);
        frameBytes.limit(workload.frameLength);
        return frameBytes;
    }

    /**
     * The block's checks and its framing, on the submitting thread, before any writer wakes.
     *
     * @throws HarnessException when the block would get a sender punished (its merkle root is wrong).
     */
    void validateAndFrame()
    {
        final int length = workload.blockBytes;
        view.wrap(workload.block, 0, length);
        x11.hash(workload.block, 0, BlockView.HEADER_LENGTH, hash, 0);
        if (!view.merkleRootMatches(sha256d, scratch))
        {
            throw new HarnessException("thread-per-peer: the block's merkle root does not match");
        }
        final int frameLength = framer.copyAndFrame(workload.block, 0, frame, 0, Command.BLOCK, length);
        if (frameLength != workload.frameLength)
        {
            throw new HarnessException("thread-per-peer: framed " + frameLength + " bytes, expected " + workload.frameLength);
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
