package io.dashcast.bench.wan;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.Network;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * The receiving side of the WAN run, in its own network namespace: N peers on ports
 * {@code base .. base+N-1} of one address, read by one thread blocked in {@code select}. A peer
 * answers {@code version} with version + verack and {@code ping} with {@code pong} (what dashcast
 * needs) and takes bare frames just as well (what the baselines send). Each {@code block} frame
 * completed on peer i is reported at once on the control connection as {@code B i nanoTime}
 * (CLOCK_MONOTONIC: the same clock in every namespace of the machine). Prints {@code ready} once
 * bound; exits when the control connection closes, or after {@code --max-seconds}. Options: see
 * {@link Options}.
 */
public final class WanReceiverMain
{
    private static final int READ_BUFFER_BYTES = 1 << 20;

    private final Selector selector;
    private final ServerSocketChannel control;
    private final ServerSocketChannel[] servers;
    private final Peer[] peers;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer readView = new UnsafeBuffer(readBuffer);
    private SocketChannel controlChannel;
    private boolean controlSeen;
    private boolean running = true;

    private WanReceiverMain(final InetAddress bind, final int count, final int basePort, final int controlPort)
        throws IOException
    {
        selector = Selector.open();
        control = listen(bind, controlPort, -1);
        servers = new ServerSocketChannel[count];
        peers = new Peer[count];
        for (int i = 0; i < count; i++)
        {
            servers[i] = listen(bind, basePort + i, i);
            peers[i] = new Peer(i);
        }
    }

    /**
     * @param args see {@link Options}.
     */
    public static void main(final String[] args)
    {
        final Options o;
        try
        {
            o = Options.parse(args);
        }
        catch (final ParameterException ex)
        {
            System.err.println("wan-receiver: " + ex.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        if (o.help)
        {
            System.out.print(Options.usage());
            return;
        }
        final WanReceiverMain main;
        try
        {
            main = new WanReceiverMain(o.bind, o.peers, o.basePort, o.controlPort);
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("wan-receiver: cannot start: " + ex.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("ready");
        System.out.flush();
        try
        {
            main.run(System.nanoTime() + TimeUnit.SECONDS.toNanos(o.maxSeconds));
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("wan-receiver: " + ex);
        }
        finally
        {
            main.close();
        }
        System.exit(0);
    }

    private ServerSocketChannel listen(final InetAddress bind, final int port, final int index) throws IOException
    {
        final ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(bind, port), 8);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT, index);
        return server;
    }

    private void run(final long deadlineNs) throws IOException
    {
        while (running && System.nanoTime() - deadlineNs < 0)
        {
            selector.select(this::onSelected, 200);
        }
    }

    private void onSelected(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        try
        {
            if (key.isAcceptable())
            {
                onAcceptable((Integer)key.attachment());
            }
            else if (key.attachment() instanceof Peer)
            {
                ((Peer)key.attachment()).onReadable(key);
            }
            else
            {
                onControlReadable(key);
            }
        }
        catch (final IOException ex)
        {
            System.err.println("wan-receiver: " + ex.getMessage());
        }
    }

    private void onAcceptable(final int index) throws IOException
    {
        final SocketChannel channel = index < 0 ? control.accept() : servers[index].accept();
        if (channel == null)
        {
            return;
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (index < 0)
        {
            CloseHelper.quietClose(controlChannel);
            controlChannel = channel;
            controlSeen = true;
            channel.register(selector, SelectionKey.OP_READ, "control");
        }
        else
        {
            peers[index].attach(channel, channel.register(selector, SelectionKey.OP_READ, peers[index]));
        }
    }

    private void onControlReadable(final SelectionKey key) throws IOException
    {
        readBuffer.clear();
        if (((SocketChannel)key.channel()).read(readBuffer) < 0)
        {
            // the sender is done
            running = !controlSeen;
            key.cancel();
        }
    }

    private void report(final int peer, final long ns)
    {
        if (controlChannel == null)
        {
            return;
        }
        final ByteBuffer line = ByteBuffer.wrap(("B " + peer + ' ' + ns + '\n').getBytes(StandardCharsets.US_ASCII));
        try
        {
            // a line on an idle, unshaped direction: done at once
            while (line.hasRemaining())
            {
                controlChannel.write(line);
            }
        }
        catch (final IOException ex)
        {
            System.err.println("wan-receiver: control: " + ex.getMessage());
        }
    }

    private void close()
    {
        for (final Peer peer : peers)
        {
            if (peer != null)
            {
                CloseHelper.quietClose(peer.channel);
            }
        }
        for (final ServerSocketChannel server : servers)
        {
            CloseHelper.quietClose(server);
        }
        CloseHelper.quietClose(controlChannel);
        CloseHelper.quietClose(control);
        CloseHelper.quietClose(selector);
    }

    /** The command line, read by picocli. */
    @CommandLine.Command(name = "wan-receiver", separator = " ", sortOptions = false, synopsisHeading = "",
        usageHelpWidth = 120,
        customSynopsis = "usage: WanReceiverMain [options]   (bench/wan/run.sh starts it)")
    static final class Options
    {
        @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", order = 0,
            description = "address of every port (default 127.0.0.1)")
        InetAddress bind;

        @Option(names = "--peers", paramLabel = "N", converter = WanSenderMain.NotNegative.class, order = 1,
            description = "peers (default 20)")
        int peers = 20;

        @Option(names = "--base-port", paramLabel = "P", converter = WanSenderMain.NotNegative.class, order = 2,
            description = "first peer port (default 19000)")
        int basePort = 19000;

        @Option(names = "--control-port", paramLabel = "C", converter = WanSenderMain.NotNegative.class, order = 3,
            description = "the sender's control port (default 18999)")
        int controlPort = 18999;

        @Option(names = "--max-seconds", paramLabel = "S", converter = WanSenderMain.NotNegative.class, order = 4,
            description = "exit after S seconds at the latest (default 900)")
        int maxSeconds = 900;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 5, description = "this help")
        boolean help;

        /**
         * @param args the command line.
         * @return the options.
         * @throws ParameterException naming the option at fault.
         */
        static Options parse(final String... args)
        {
            final Options o = new Options();
            new CommandLine(o).parseArgs(args);
            return o;
        }

        /**
         * @return every option with its default, for {@code --help} and errors.
         */
        static String usage()
        {
            return new CommandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        }
    }

    /** One peer: its stream and its replies. */
    private final class Peer implements io.dashcast.bench.harness.FrameAssembler.FrameHandler
    {
        private final int index;
        private final io.dashcast.bench.harness.FrameAssembler scanner =
            new io.dashcast.bench.harness.FrameAssembler(Network.REGTEST.magic());
        private final io.dashcast.bench.engine.ReceiverReplies replies;
        private final ByteBuffer reply = ByteBuffer.allocateDirect(1024);
        private final UnsafeBuffer replyView = new UnsafeBuffer(reply);
        private SocketChannel channel;
        private long readNs;

        Peer(final int index)
        {
            this.index = index;
            this.replies = new io.dashcast.bench.engine.ReceiverReplies(
                Network.REGTEST, "/dashcast-wan-receiver/", 0x5eed_0000L + index);
        }

        void attach(final SocketChannel newChannel, final SelectionKey key)
        {
            // a sender reconnected (the next system): the old stream is over
            CloseHelper.quietClose(channel);
            scanner.reset();
            channel = newChannel;
        }

        void onReadable(final SelectionKey key) throws IOException
        {
            final SocketChannel ch = (SocketChannel)key.channel();
            while (true)
            {
                readBuffer.clear();
                final int n;
                try
                {
                    n = ch.read(readBuffer);
                }
                catch (final IOException ex)
                {
                    key.cancel();
                    CloseHelper.quietClose(ch);
                    return;
                }
                if (n < 0)
                {
                    key.cancel();
                    CloseHelper.quietClose(ch);
                    return;
                }
                if (n == 0 || ch != channel)
                {
                    return;
                }
                readNs = System.nanoTime();
                scanner.onBytes(readView, 0, n, this);
            }
        }


        @Override
        public void onFrame(final Command command, final DirectBuffer payload, final int payloadLength)
        {
            if (command == Command.BLOCK)
            {
                report(index, readNs);
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
                while (reply.hasRemaining())
                {
                    channel.write(reply);
                }
            }
            catch (final IOException ex)
            {
                System.err.println("wan-receiver: reply to peer " + index + ": " + ex.getMessage());
            }
        }
    }
}
