package io.dashcast.sim;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.message.GetHeadersFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A tiny blocking client for driving a {@link SimulatedDashNode} in tests, built on the protocol
 * codecs: one frame at a time, every read bounded by a socket timeout.
 */
final class TestPeer implements AutoCloseable
{
    static final int READ_TIMEOUT_MS = 5_000;

    /** A received frame. */
    static final class Frame
    {
        final Command command;
        final String name;
        final byte[] payload;

        Frame(final Command command, final String name, final byte[] payload)
        {
            this.command = command;
            this.name = name;
            this.payload = payload;
        }

        UnsafeBuffer buffer()
        {
            return new UnsafeBuffer(payload);
        }

        @Override
        public String toString()
        {
            return name + "(" + payload.length + ")";
        }
    }

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final MessageFramer framer;
    private final FrameDecoder decoder;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);

    TestPeer(final SimulatedDashNode node) throws IOException
    {
        this(node.network(), node.port());
    }

    TestPeer(final Network network, final int port) throws IOException
    {
        channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        socket = channel.socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        framer = new MessageFramer(network);
        decoder = new FrameDecoder(network);
    }

    Socket socket()
    {
        return socket;
    }

    SocketChannel channel()
    {
        return channel;
    }

    /**
     * @return true when the node reset the connection (RST), false on a clean EOF or timeout.
     */
    boolean awaitResetByNode() throws IOException
    {
        try
        {
            while (true)
            {
                if (in.read() < 0)
                {
                    return false;
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    static byte[] version(final int protocolVersion, final long nonce, final boolean masternode)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final VersionFlyweight v = new VersionFlyweight().wrapForEncode(buffer, 0)
            .protocolVersion(protocolVersion).services(0).time(System.currentTimeMillis() / 1000)
            .addrYouServices(0).addrYouIp(new byte[16]).addrYouPort(0)
            .addrMeServices(0).addrMeIp(new byte[16]).addrMePort(0)
            .nonce(nonce).userAgent("/dashcast-test:0.1/").startHeight(0).relay(false)
            .mnauthChallenge(new byte[32]).masternodeConnection(masternode);
        final byte[] bytes = new byte[v.encodedLength()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    void sendVersion() throws IOException
    {
        send(Command.VERSION, version(Network.PROTOCOL_VERSION, 0x1234_5678_9abc_def0L, false));
    }

    /**
     * Full handshake as dashcast does it: version, then verack once the node's verack arrived;
     * then drain the node's post-handshake messages up to its getsporks.
     *
     * @return every frame the node sent, in order.
     */
    List<Frame> handshake() throws IOException
    {
        sendVersion();
        final List<Frame> frames = new ArrayList<>(readUntil(Command.VERACK));
        send(Command.VERACK, new byte[0]);
        frames.addAll(readUntil(Command.GETSPORKS));
        for (final Frame f : frames)
        {
            if (f.command == Command.PING)
            {
                send(Command.PONG, f.payload);
            }
        }
        return frames;
    }

    void send(final Command command, final byte[] payload) throws IOException
    {
        out.write(frame(command, payload));
        out.flush();
    }

    /**
     * @return one whole frame of {@code command}, for {@link #sendRaw} of several in one write.
     */
    byte[] frame(final Command command, final byte[] payload)
    {
        final byte[] frame = new byte[MessageHeaderFlyweight.HEADER_LENGTH + payload.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        buffer.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, payload);
        framer.frame(buffer, 0, command, payload.length);
        return frame;
    }

    void sendUnknown(final String command, final byte[] payload) throws IOException
    {
        final byte[] frame = new byte[MessageHeaderFlyweight.HEADER_LENGTH + payload.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        buffer.putInt(0, framer.magic(), LITTLE_ENDIAN);
        buffer.putStringWithoutLengthAscii(MessageHeaderFlyweight.COMMAND_OFFSET, command);
        buffer.putInt(MessageHeaderFlyweight.LENGTH_OFFSET, payload.length, LITTLE_ENDIAN);
        buffer.putInt(MessageHeaderFlyweight.CHECKSUM_OFFSET, new Sha256d().checksum(new UnsafeBuffer(payload), 0,
            payload.length), LITTLE_ENDIAN);
        buffer.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, payload);
        sendRaw(frame);
    }

    void sendRaw(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    void ping(final long nonce) throws IOException
    {
        final byte[] payload = new byte[8];
        NonceFlyweight.encode(new UnsafeBuffer(payload), 0, nonce);
        send(Command.PING, payload);
    }

    void sendHeaders() throws IOException
    {
        send(Command.SENDHEADERS, new byte[0]);
    }

    void getHeaders(final List<byte[]> locator, final byte[] stop) throws IOException
    {
        final UnsafeBuffer hashes = new UnsafeBuffer(new byte[Math.max(1, locator.size()) * 32]);
        for (int i = 0; i < locator.size(); i++)
        {
            hashes.putBytes(i * 32, locator.get(i));
        }
        final int length = GetHeadersFlyweight.encode(scratch, 0, Network.PROTOCOL_VERSION, hashes, 0, locator.size(),
            stop == null ? new byte[32] : stop);
        final byte[] payload = new byte[length];
        scratch.getBytes(0, payload);
        send(Command.GETHEADERS, payload);
    }

    void getData(final int type, final byte[] hash) throws IOException
    {
        final byte[] payload = new byte[37];
        InventoryFlyweight.encodeSingle(new UnsafeBuffer(payload), 0, type, hash);
        send(Command.GETDATA, payload);
    }

    /**
     * Read one whole frame, validated by the protocol's FrameDecoder (which throws on bad magic or length).
     */
    Frame read() throws IOException
    {
        final byte[] header = readFully(MessageHeaderFlyweight.HEADER_LENGTH);
        final UnsafeBuffer headerBuffer = new UnsafeBuffer(header);
        decoder.decode(headerBuffer, 0, header.length); // checks magic, command and length from the header
        final int length = headerBuffer.getInt(MessageHeaderFlyweight.LENGTH_OFFSET, LITTLE_ENDIAN);
        final byte[] frame = Arrays.copyOf(header, header.length + length);
        System.arraycopy(readFully(length), 0, frame, header.length, length);
        final UnsafeBuffer frameBuffer = new UnsafeBuffer(frame);
        decoder.decode(frameBuffer, 0, frame.length);
        final Command command = decoder.command();
        final String name = decoder.header().commandName();
        return new Frame(command, name, Arrays.copyOfRange(frame, header.length, frame.length));
    }

    /**
     * Read frames up to and including the first with {@code command}, answering pings on the way.
     */
    List<Frame> readUntil(final Command command) throws IOException
    {
        final List<Frame> frames = new ArrayList<>();
        while (true)
        {
            final Frame f = read();
            frames.add(f);
            if (f.command == command)
            {
                return frames;
            }
        }
    }

    Frame expect(final Command command) throws IOException
    {
        final List<Frame> frames = readUntil(command);
        return frames.get(frames.size() - 1);
    }

    /**
     * @return true when the node closed the connection (EOF or reset) within the read timeout.
     */
    boolean awaitClosedByNode() throws IOException
    {
        try
        {
            while (true)
            {
                if (in.read() < 0)
                {
                    return true;
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true; // connection reset
        }
    }

    /**
     * @return true when nothing arrives for {@code quietMs}.
     */
    boolean silentFor(final int quietMs) throws IOException
    {
        socket.setSoTimeout(quietMs);
        try
        {
            return in.read() == -2;
        }
        catch (final SocketTimeoutException ex)
        {
            return true;
        }
        finally
        {
            socket.setSoTimeout(READ_TIMEOUT_MS);
        }
    }

    byte[] readFully(final int length) throws IOException
    {
        final byte[] bytes = new byte[length];
        int read = 0;
        while (read < length)
        {
            final int n = in.read(bytes, read, length - read);
            if (n < 0)
            {
                throw new EOFException("closed after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return bytes;
    }

    static long nonceOf(final Frame frame)
    {
        return new NonceFlyweight().wrap(frame.buffer(), 0, frame.payload.length).nonce();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
