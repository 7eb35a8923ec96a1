package io.dashcast.bench.engine;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean Dash peer for benchmarks: one thread, one blocking channel, answers the handshake and
 * pings, counts blocks and records the time the last byte of each arrived. Allocation-free after
 * the handshake so it does not pollute {@code -prof gc}.
 */
public final class SinkNode implements AutoCloseable
{
    private final ServerSocketChannel server;
    private final Network network;
    private final Thread thread;
    private final AtomicLong blocks = new AtomicLong();
    private volatile long lastBlockNs;
    private volatile boolean running = true;
    private volatile SocketChannel channel;

    /**
     * Listen on 127.0.0.1, port chosen by the kernel.
     *
     * @param network whose magic to speak.
     * @throws IOException if the port cannot be bound.
     */
    public SinkNode(final Network network) throws IOException
    {
        this.network = network;
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::run, "sink-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    public int port()
    {
        try
        {
            return ((InetSocketAddress)server.getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public long blocks()
    {
        return blocks.get();
    }

    public long lastBlockNs()
    {
        return lastBlockNs;
    }

    private void run()
    {
        final FrameDecoder decoder = new FrameDecoder(network);
        final MessageFramer framer = new MessageFramer(network);
        final ByteBuffer in = ByteBuffer.allocateDirect(Network.MAX_PROTOCOL_MESSAGE_LENGTH + 24);
        final UnsafeBuffer inView = new UnsafeBuffer(in);
        final ByteBuffer out = ByteBuffer.allocateDirect(4096);
        final UnsafeBuffer outView = new UnsafeBuffer(out);
        final ReceiverReplies replies = new ReceiverReplies(network, "/Dash Core:22.1.1/", 7);
        try (SocketChannel ch = server.accept())
        {
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel = ch;
            while (running)
            {
                if (ch.read(in) < 0)
                {
                    return;
                }
                final int limit = in.position();
                int position = 0;
                int frame;
                final long now = System.nanoTime();
                while ((frame = decoder.decode(inView, position, limit - position)) > 0)
                {
                    final Command command = decoder.command();
                    if (command == Command.BLOCK)
                    {
                        lastBlockNs = now;
                        blocks.incrementAndGet();
                    }
                    final int n = replies.onFrame(command, inView, position + 24, frame - 24, outView);
                    if (n > 0)
                    {
                        writeFully(ch, out, n);
                    }
                    position += frame;
                }
                in.limit(limit).position(position);
                in.compact();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // closed
        }
    }

    private static void writeFully(final SocketChannel ch, final ByteBuffer out, final int length) throws IOException
    {
        out.clear().limit(length);
        while (out.hasRemaining())
        {
            ch.write(out);
        }
        out.clear();
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        server.close();
        final SocketChannel ch = channel;
        if (ch != null)
        {
            ch.close();
        }
        thread.join(2000);
    }
}
