package io.dashcast.bench.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;

/**
 * The floor: a bare loop of non-blocking writes of one pre-framed buffer to pre-connected channels,
 * on the submitting thread. No hand-off to another thread, no framework, no copy, no validation or
 * framing per block: peer 0 first, then round the channels until every one has taken everything.
 */
public final class FloorFanOut implements FanOut
{
    private static final long STALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private SocketChannel[] channels;
    private ByteBuffer[] views;
    private long[] handoffNs;
    private int frameLength;
    private long lastHandoffNs;

    @Override
    public void start(final ReceiverLink link, final Workload workload) throws IOException
    {
        connect(link.open(workload.peers), workload);
    }

    /**
     * Connect to receivers already open (a child JVM is given their ports).
     *
     * @param ports    the receivers' ports, peer 0 first.
     * @param workload the block.
     * @throws IOException if a connection fails.
     */
    public void connect(final int[] ports, final Workload workload) throws IOException
    {
        channels = new SocketChannel[ports.length];
        views = new ByteBuffer[ports.length];
        handoffNs = new long[ports.length];
        frameLength = workload.frameLength;
        for (int i = 0; i < ports.length; i++)
        {
            channels[i] = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[i]));
            channels[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
            channels[i].configureBlocking(false);
            views[i] = workload.frame.duplicate();
        }
    }

    @Override
    public void send(final long sample) throws IOException
    {
        final int n = channels.length;
        for (int i = 0; i < n; i++)
        {
            views[i].limit(frameLength).position(0);
        }
        int remaining = n;
        long last = 0;
        final long deadline = System.nanoTime() + STALL_TIMEOUT_NS;
        while (remaining > 0)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new HarnessException("floor: " + remaining + " peers stopped reading");
            }
            for (int i = 0; i < n; i++)
            {
                final ByteBuffer view = views[i];
                if (view.hasRemaining())
                {
                    channels[i].write(view);
                    if (!view.hasRemaining())
                    {
                        last = System.nanoTime();
                        handoffNs[i] = last;
                        remaining--;
                    }
                }
            }
        }
        lastHandoffNs = last;
    }

    @Override
    public void awaitHandoff(final long sample, final Delivery delivery, final long deadlineNs)
    {
        // Done synchronously in send.
    }

    @Override
    public long firstHandoffNs()
    {
        return handoffNs[0];
    }

    @Override
    public long lastHandoffNs()
    {
        return lastHandoffNs;
    }

    @Override
    public void close()
    {
        if (channels != null)
        {
            for (final SocketChannel channel : channels)
            {
                CloseHelper.quietClose(channel);
            }
        }
    }
}
