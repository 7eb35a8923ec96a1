package io.dashcast.bench.harness;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.Network;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * N receiving peers on N ports, all read by one thread blocked in {@code select} (so the receiver
 * process never spins a core away from the senders). Each accepted connection is the peer of its
 * port. A peer answers {@code version} with version and verack and {@code ping} with {@code pong}
 * (what dashcast needs to consider it ready and acknowledged), and accepts bare frames with no
 * handshake just as well (what the baselines send). The k-th {@code block} frame completed on a
 * connection is sample k of that peer; when sample k is complete on every peer the listener is told
 * peer 0's and the last peer's read-complete times.
 */
final class FanInReceiver implements ReceiverSession
{
    private static final int READ_BUFFER_BYTES = 1 << 20;
    private static final int SAMPLE_WINDOW = 1024;
    private static final long SELECT_TIMEOUT_MS = 100;

    private final int peers;
    private final Network network;
    private final DeliveryListener listener;
    private final ServerSocketChannel[] servers;
    private final PeerConnection[] connections;
    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer readView = new UnsafeBuffer(readBuffer);
    private final long[] firstNs = new long[SAMPLE_WINDOW];
    private final long[] lastNs = new long[SAMPLE_WINDOW];
    private final int[] arrived = new int[SAMPLE_WINDOW];
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private volatile boolean running = true;
    private long readNs;

    /**
     * Bind N ports on 127.0.0.1 and start the reading thread.
     *
     * @param peers    number of peers (ports).
     * @param network  whose magic the frames carry.
     * @param listener told of each complete delivery, on the reading thread.
     * @throws IOException if a port cannot be bound.
     */
    FanInReceiver(final int peers, final Network network, final DeliveryListener listener) throws IOException
    {
        this.peers = peers;
        this.network = network;
        this.listener = listener;
        this.selector = Selector.open();
        this.servers = new ServerSocketChannel[peers];
        this.connections = new PeerConnection[peers];
        try
        {
            for (int i = 0; i < peers; i++)
            {
                servers[i] = ServerSocketChannel.open();
                servers[i].bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
                servers[i].configureBlocking(false);
                servers[i].register(selector, SelectionKey.OP_ACCEPT, i);
                connections[i] = new PeerConnection(i);
            }
        }
        catch (final IOException ex)
        {
            closeAll();
            throw ex;
        }
        thread = new Thread(this::run, "fan-in-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public int[] ports()
    {
        final int[] ports = new int[peers];
        for (int i = 0; i < peers; i++)
        {
            ports[i] = servers[i].socket().getLocalPort();
        }
        return ports;
    }

    private void run()
    {
        try
        {
            while (running)
            {
                selector.select(onSelected, SELECT_TIMEOUT_MS);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (running)
            {
                listener.onError("fan-in receiver stopped: " + ex);
            }
        }
    }

    private void onSelected(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.isAcceptable())
        {
            onAcceptable((Integer)key.attachment());
        }
        else if (key.isReadable())
        {
            ((PeerConnection)key.attachment()).onReadable();
        }
    }

    private void onAcceptable(final int index)
    {
        try
        {
            final SocketChannel channel = servers[index].accept();
            if (channel != null)
            {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connections[index].attach(channel, channel.register(selector, SelectionKey.OP_READ, connections[index]));
            }
        }
        catch (final IOException ex)
        {
            listener.onError("accept on peer " + index + ": " + ex.getMessage());
        }
    }

    private void onBlock(final int peer, final long sample)
    {
        final int slot = (int)(sample & (SAMPLE_WINDOW - 1));
        if (peer == 0)
        {
            firstNs[slot] = readNs;
        }
        lastNs[slot] = Math.max(lastNs[slot], readNs);
        if (++arrived[slot] == peers)
        {
            listener.onDelivered(sample, firstNs[slot], lastNs[slot], 0, 0);
            arrived[slot] = 0;
            firstNs[slot] = 0;
            lastNs[slot] = 0;
        }
    }

    @Override
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        closeAll();
    }

    private void closeAll()
    {
        for (final PeerConnection connection : connections)
        {
            if (connection != null)
            {
                CloseHelper.quietClose(connection.channel);
            }
        }
        for (final ServerSocketChannel server : servers)
        {
            CloseHelper.quietClose(server);
        }
        CloseHelper.quietClose(selector);
    }

    /**
     * One peer's connection: its stream position, its block count and its replies.
     */
    private final class PeerConnection implements FrameAssembler.FrameHandler
    {
        private final int index;
        private final FrameAssembler assembler = new FrameAssembler(network.magic());
        private final ByteBuffer reply = ByteBuffer.allocateDirect(1024);
        private final UnsafeBuffer replyView = new UnsafeBuffer(reply);
        private SocketChannel channel;
        private SelectionKey key;
        private long blocks;

        PeerConnection(final int index)
        {
            this.index = index;
        }

        void attach(final SocketChannel channel, final SelectionKey key)
        {
            if (this.channel != null)
            {
                // A sender reconnected: the old stream is over.
                this.key.cancel();
                CloseHelper.quietClose(this.channel);
                assembler.reset();
            }
            this.channel = channel;
            this.key = key;
        }

        void onReadable()
        {
            try
            {
                while (true)
                {
                    readBuffer.clear();
                    final int n = channel.read(readBuffer);
                    if (n < 0)
                    {
                        key.cancel();
                        CloseHelper.quietClose(channel);
                        return;
                    }
                    if (n == 0)
                    {
                        return;
                    }
                    readNs = System.nanoTime();
                    assembler.onBytes(readView, 0, n, this);
                    if (n < READ_BUFFER_BYTES)
                    {
                        return;
                    }
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                listener.onError("peer " + index + ": " + ex.getMessage());
                key.cancel();
                CloseHelper.quietClose(channel);
            }
        }

        private final io.dashcast.bench.engine.ReceiverReplies replies = new io.dashcast.bench.engine.ReceiverReplies(
            Workload.NETWORK, "/dashcast-bench-receiver/", ThreadLocalRandom.current().nextLong() | 1L);

        @Override
        public void onFrame(final Command command, final DirectBuffer payload, final int payloadLength)
        {
            if (command == Command.BLOCK)
            {
                onBlock(index, blocks++);
            }
            final int n = replies.onFrame(command, payload, 0, payloadLength, replyView);
            if (n > 0)
            {
                send(n);
            }
        }

        private void send(final int length)
        {
            reply.clear().limit(length);
            try
            {
                // Replies are tiny and the socket idle: this finishes at once.
                while (reply.hasRemaining())
                {
                    channel.write(reply);
                }
            }
            catch (final IOException ex)
            {
                listener.onError("reply to peer " + index + ": " + ex.getMessage());
            }
        }
    }
}
