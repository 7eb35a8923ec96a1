package io.dashcast.bench.harness;

import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The seed's old path: the submitter writes the block once, to its local node, which relays it hop
 * by hop through every peer ({@link RelayChain}, in the receiver process). Hand-off times are the
 * relay's: when the kernel took the last byte toward peer 0 and toward the last peer.
 */
final class RelayFanOut implements FanOut
{
    private final long hopDelayNs;
    private SocketChannel channel;
    private ByteBuffer view;
    private int frameLength;
    private long firstHandoffNs;
    private long lastHandoffNs;

    /**
     * @param hopDelayNs delay each hop adds before forwarding.
     */
    RelayFanOut(final long hopDelayNs)
    {
        this.hopDelayNs = hopDelayNs;
    }

    @Override
    public void start(final ReceiverLink link, final Workload workload) throws IOException
    {
        final int port = link.relay(workload.peers, hopDelayNs, workload.frameLength);
        channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        view = workload.frame.duplicate();
        frameLength = workload.frameLength;
    }

    @Override
    public void send(final long sample) throws IOException
    {
        view.limit(frameLength).position(0);
        while (view.hasRemaining())
        {
            channel.write(view);
        }
    }

    @Override
    public void awaitHandoff(final long sample, final Delivery delivery, final long deadlineNs)
    {
        firstHandoffNs = delivery.firstHandoffNs;
        lastHandoffNs = delivery.lastHandoffNs;
    }

    @Override
    public long firstHandoffNs()
    {
        return firstHandoffNs;
    }

    @Override
    public long lastHandoffNs()
    {
        return lastHandoffNs;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
    }
}
