package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.message.SendCmpctFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * The node the launch rehearsal ({@link LaunchRehearsal}) pushes its dummy blocks to, on loopback,
 * and the only one: it answers a {@code version} with its own and a {@code verack}, every other
 * connection announces compact blocks ({@code sendcmpct}), every {@code ping} gets its
 * {@code pong}, and every {@code block} or {@code cmpctblock} is announced back by its header, as a
 * node that took it would: at once, or, on every other pair of connections, after the pong of the
 * ack ping behind it (so a peer's next block is decided, and its receipt written, before the peer
 * is known to have the parent, as with a peer slower to announce). It keeps no chain and checks
 * nothing beyond the frames. One thread, one selector, bound to 127.0.0.1 on {@link #PORTS} free
 * ports (a peer that joins while blocks flow needs an address no live peer has); closed with the
 * rehearsal.
 */
final class RehearsalNode implements AutoCloseable
{
    private static final long WRITE_STALL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int OUT_BYTES = 4096;
    /** A {@code headers} payload of one header: count 1, the header, its transaction count 0. */
    private static final int ONE_HEADER_LENGTH = 1 + BlockView.HEADER_LENGTH + 1;

    private final Network network;
    /** Ports it listens on: the first for the rehearsal's own peers, the others for peers joining later. */
    static final int PORTS = 9;
    private final ServerSocketChannel[] servers = new ServerSocketChannel[PORTS];
    private final Selector selector;
    private final Thread thread;
    private final AtomicLong blocksAnnounced = new AtomicLong();
    private volatile boolean running = true;
    private final AtomicLong connectionsAccepted = new AtomicLong();

    /**
     * Listen on 127.0.0.1 ({@link #PORTS} free ports) and start the node's thread.
     *
     * @param network    whose frames it speaks.
     * @param threadName its thread's name.
     * @throws UncheckedIOException when it cannot listen.
     */
    RehearsalNode(final Network network, final String threadName)
    {
        this.network = network;
        Selector opened = null;
        try
        {
            opened = Selector.open();
            for (int i = 0; i < servers.length; i++)
            {
                servers[i] = ServerSocketChannel.open();
                servers[i].bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                servers[i].configureBlocking(false);
                servers[i].register(opened, SelectionKey.OP_ACCEPT);
            }
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(servers);
            CloseHelper.quietClose(opened);
            throw new UncheckedIOException("rehearsal node: cannot listen on loopback: " + ex.getMessage(), ex);
        }
        selector = opened;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return the port it listens on (127.0.0.1).
     */
    int port()
    {
        return port(0);
    }

    /**
     * @param i 0 to {@link #PORTS} - 1.
     * @return one of the ports it listens on (127.0.0.1).
     */
    int port(final int i)
    {
        return servers[i].socket().getLocalPort();
    }

    /**
     * @return connections it has taken, on every port.
     */
    long connectionsAccepted()
    {
        return connectionsAccepted.get();
    }

    /**
     * @return blocks and compact blocks it has read and announced back.
     */
    long blocksAnnounced()
    {
        return blocksAnnounced.get();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                selector.select(this::onSelected, 100);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // The rehearsal sees its peers fail and stops; nothing here may reach the daemon's peers.
        }
        finally
        {
            for (final SelectionKey key : selector.keys())
            {
                CloseHelper.quietClose(key.channel());
            }
            CloseHelper.quietClose(selector);
        }
    }

    private void onSelected(final SelectionKey key)
    {
        if (key.isValid() && key.isAcceptable())
        {
            accept((ServerSocketChannel)key.channel());
        }
        else if (key.isValid() && key.isReadable())
        {
            final Connection connection = (Connection)key.attachment();
            if (!connection.read())
            {
                key.cancel();
                CloseHelper.quietClose(key.channel());
            }
        }
    }

    private void accept(final ServerSocketChannel server)
    {
        try
        {
            final SocketChannel channel = server.accept();
            if (channel != null)
            {
                channel.configureBlocking(false);
                // Its announcement and its pong are two small writes: without this, Nagle holds the
                // second for the peer's delayed ack (40 ms a block).
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final long n = connectionsAccepted.getAndIncrement();
                channel.register(selector, SelectionKey.OP_READ, new Connection(channel, (n & 1) == 1, (n & 2) == 2));
            }
        }
        catch (final IOException ex)
        {
            // A connection that could not be taken: the rehearsal's peer fails and is not counted ready.
        }
    }

    @Override
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietCloseAll(servers);
    }

    /** One peer's connection: its reader, and the replies written as each frame is read. */
    private final class Connection implements InboundFrameReader.Handler
    {
        private final SocketChannel channel;
        private final boolean announcesCompact;
        private final boolean announcesLate;
        private final UnsafeBuffer lateHeader = new UnsafeBuffer(new byte[BlockView.HEADER_LENGTH]);
        private boolean lateHeaderHeld;
        private final InboundFrameReader reader = new InboundFrameReader(network);
        private final MessageFramer framer = new MessageFramer(network);
        private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BYTES);
        private final UnsafeBuffer outView = new UnsafeBuffer(out);
        private boolean open = true;

        Connection(final SocketChannel channel, final boolean announcesCompact, final boolean announcesLate)
        {
            this.channel = channel;
            this.announcesCompact = announcesCompact;
            this.announcesLate = announcesLate;
        }

        boolean read()
        {
            try
            {
                return reader.read(channel, this) && open;
            }
            catch (final IOException | RuntimeException ex)
            {
                return false;
            }
        }

        @Override
        public boolean onFrame(final Command command, final int offset, final int length)
        {
            final DirectBuffer in = reader.buffer();
            switch (command)
            {
                case VERSION:
                    if (length > OUT_BYTES / 2 || length < VersionFlyweight.NONCE_OFFSET + Long.BYTES)
                    {
                        open = false;
                        break;
                    }
                    // Its own version: the peer's, with another nonce (the same one would be a self-connection).
                    outView.putBytes(HEADER_LENGTH, in, offset, length);
                    outView.putLong(HEADER_LENGTH + VersionFlyweight.NONCE_OFFSET,
                        ~in.getLong(offset + VersionFlyweight.NONCE_OFFSET));
                    int at = framer.frame(outView, 0, Command.VERSION, length);
                    at += framer.frame(outView, at, Command.VERACK, 0);
                    if (announcesCompact)
                    {
                        SendCmpctFlyweight.encode(outView, at + HEADER_LENGTH, false, 1);
                        at += framer.frame(outView, at, Command.SENDCMPCT, SendCmpctFlyweight.LENGTH);
                    }
                    write(at);
                    break;
                case PING:
                    outView.putBytes(HEADER_LENGTH, in, offset, Math.min(length, Long.BYTES));
                    write(framer.frame(outView, 0, Command.PONG, Math.min(length, Long.BYTES)));
                    if (lateHeaderHeld)
                    {
                        lateHeaderHeld = false;
                        announce(lateHeader, 0);
                    }
                    break;
                case BLOCK:
                case CMPCTBLOCK:
                    if (length >= BlockView.HEADER_LENGTH)
                    {
                        if (announcesLate)
                        {
                            lateHeader.putBytes(0, in, offset, BlockView.HEADER_LENGTH);
                            lateHeaderHeld = true;
                        }
                        else
                        {
                            announce(in, offset);
                        }
                    }
                    break;
                default:
                    // sendheaders, getaddr, getheaders, headers...: nothing a rehearsal needs answered.
                    break;
            }
            return open;
        }

        private void announce(final DirectBuffer header, final int offset)
        {
            outView.putByte(HEADER_LENGTH, (byte)1);
            outView.putBytes(HEADER_LENGTH + 1, header, offset, BlockView.HEADER_LENGTH);
            outView.putByte(HEADER_LENGTH + 1 + BlockView.HEADER_LENGTH, (byte)0);
            write(framer.frame(outView, 0, Command.HEADERS, ONE_HEADER_LENGTH));
            blocksAnnounced.incrementAndGet();
        }

        private void write(final int length)
        {
            out.clear().limit(length);
            final long deadline = System.nanoTime() + WRITE_STALL_NS;
            try
            {
                while (out.hasRemaining() && open)
                {
                    if (channel.write(out) == 0 && System.nanoTime() - deadline > 0)
                    {
                        // The peer stopped reading: let it go rather than hold the node's thread.
                        open = false;
                    }
                }
            }
            catch (final IOException ex)
            {
                open = false;
            }
        }
    }
}
