package io.dashcast.bench.harness;

import org.agrona.CloseHelper;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;
import static io.dashcast.protocol.MessageHeaderFlyweight.LENGTH_OFFSET;

/**
 * The seed's old path: the submitter hands a block to one local node, which relays it hop by hop
 * (local node, then peer 0, peer 1, ... peer N-1). Each hop is a thread with blocking sockets that
 * reads a whole frame (store and forward, as a node must before it validates and relays), waits the
 * configured per-hop delay (standing in for validation and relay scheduling), then writes it on to
 * the next hop over its own loopback connection.
 * <pre>
 *  harness --&gt; [local node] --&gt; [peer 0] --&gt; [peer 1] --&gt; ... --&gt; [peer N-1]
 *               hop 0          hop 1        hop 2                hop N
 * </pre>
 * One block in flight at a time: each hop stamps into one shared slot per hop.
 */
final class RelayChain implements ReceiverSession
{
    private final int peers;
    private final long hopDelayNs;
    private final int maxFrameBytes;
    private final DeliveryListener listener;
    private final ServerSocketChannel[] servers;
    private final SocketChannel[] inbound;
    private final SocketChannel[] outbound;
    private final Thread[] threads;
    private final AtomicLongArray deliveredNs;
    private final AtomicLongArray handoffNs;
    private final AtomicLongArray handoffSample;
    private volatile SocketChannel submitter;
    private volatile boolean running = true;

    /**
     * Bind every hop, connect hop i to hop i+1 and start the hop threads.
     *
     * @param peers         peers after the local node (hops 1..N).
     * @param hopDelayNs    wait between a hop's read of a frame and its forwarding.
     * @param maxFrameBytes largest frame to relay.
     * @param listener      told when the last peer has read a block.
     * @throws IOException if a port cannot be bound or connected.
     */
    RelayChain(final int peers, final long hopDelayNs, final int maxFrameBytes, final DeliveryListener listener)
        throws IOException
    {
        this.peers = peers;
        this.hopDelayNs = hopDelayNs;
        this.maxFrameBytes = maxFrameBytes;
        this.listener = listener;
        final int hops = peers + 1;
        servers = new ServerSocketChannel[hops];
        inbound = new SocketChannel[hops];
        outbound = new SocketChannel[hops];
        threads = new Thread[hops];
        deliveredNs = new AtomicLongArray(hops);
        handoffNs = new AtomicLongArray(hops);
        handoffSample = new AtomicLongArray(hops);
        for (int i = 0; i < hops; i++)
        {
            handoffSample.set(i, -1);
        }
        try
        {
            for (int i = 0; i < hops; i++)
            {
                servers[i] = ServerSocketChannel.open();
                servers[i].bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            }
            for (int i = 1; i < hops; i++)
            {
                outbound[i - 1] = SocketChannel.open(servers[i].getLocalAddress());
                outbound[i - 1].setOption(StandardSocketOptions.TCP_NODELAY, true);
                inbound[i] = servers[i].accept();
            }
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
        for (int i = 0; i < hops; i++)
        {
            final int hop = i;
            threads[i] = new Thread(() -> runHop(hop), "relay-hop-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    @Override
    public int[] ports()
    {
        return new int[] {servers[0].socket().getLocalPort()};
    }

    private void runHop(final int hop)
    {
        final ByteBuffer frame = ByteBuffer.allocateDirect(maxFrameBytes).order(ByteOrder.LITTLE_ENDIAN);
        long sample = 0;
        try
        {
            if (hop == 0)
            {
                submitter = servers[0].accept();
            }
            final SocketChannel in = hop == 0 ? submitter : inbound[hop];
            final SocketChannel out = outbound[hop];
            while (running)
            {
                readFrame(in, frame);
                if (hop > 0)
                {
                    deliveredNs.set(hop, System.nanoTime());
                }
                if (out != null)
                {
                    pause(hopDelayNs);
                    frame.flip();
                    while (frame.hasRemaining())
                    {
                        out.write(frame);
                    }
                    handoffNs.set(hop, System.nanoTime());
                    handoffSample.set(hop, sample);
                }
                else
                {
                    awaitHandoffs(sample);
                    listener.onDelivered(sample, deliveredNs.get(1), deliveredNs.get(peers),
                        handoffNs.get(0), handoffNs.get(peers - 1));
                }
                sample++;
            }
        }
        catch (final ClosedChannelException | EOFException ex)
        {
            // the session is closing
        }
        catch (final IOException | RuntimeException ex)
        {
            if (running)
            {
                listener.onError("relay hop " + hop + ": " + ex);
            }
        }
    }

    /**
     * The last peer can finish reading before the hop that wrote to it has returned from its write
     * and stamped the hand-off: wait for both stamps of this sample.
     */
    private void awaitHandoffs(final long sample)
    {
        while (running && (handoffSample.get(0) < sample || handoffSample.get(peers - 1) < sample))
        {
            Thread.yield();
        }
    }

    private void readFrame(final SocketChannel in, final ByteBuffer frame) throws IOException
    {
        frame.clear().limit(HEADER_LENGTH);
        readFully(in, frame);
        final int payload = frame.getInt(LENGTH_OFFSET);
        if (payload < 0 || HEADER_LENGTH + payload > maxFrameBytes)
        {
            throw new IOException("frame of " + payload + " bytes exceeds the relay's " + maxFrameBytes);
        }
        frame.limit(HEADER_LENGTH + payload);
        readFully(in, frame);
    }

    private static void readFully(final SocketChannel in, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (in.read(buffer) < 0)
            {
                throw new EOFException();
            }
        }
    }

    private static void pause(final long delayNs)
    {
        if (delayNs > 0)
        {
            final long deadline = System.nanoTime() + delayNs;
            long remaining;
            while ((remaining = deadline - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(remaining);
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        CloseHelper.quietClose(submitter);
        for (int i = 0; i < servers.length; i++)
        {
            CloseHelper.quietClose(inbound[i]);
            CloseHelper.quietClose(outbound[i]);
            CloseHelper.quietClose(servers[i]);
        }
        for (final Thread thread : threads)
        {
            if (thread != null)
            {
                try
                {
                    thread.join(5_000);
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
