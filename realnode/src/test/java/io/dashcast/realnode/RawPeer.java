package io.dashcast.realnode;

import io.dashcast.protocol.Network;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal blocking Dash P2P peer for probing a real node message by message, independent of the
 * engine: we connect (the node sees an inbound peer), write frames ourselves, and a reader thread
 * stamps every message the node sends with the wall clock (microseconds, comparable with the
 * node's {@code -logtimemicros} debug.log on the same host).
 */
final class RawPeer implements AutoCloseable
{
    /** One message received from the node. */
    record Message(String command, byte[] payload, Instant receivedAt)
    {
        ByteBuffer le()
        {
            return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static final int MAGIC = 0xdcb7c1fc; // regtest fc c1 b7 dc, read little-endian

    private final Socket socket;
    private final OutputStream out;
    private final LinkedBlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final List<Message> seen = new ArrayList<>();
    private final Thread reader;

    RawPeer(final int port) throws IOException
    {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        out = socket.getOutputStream();
        reader = new Thread(this::readLoop, "raw-peer-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Our version as the engine sends it: protocol 70235, services 0, relay 0, masternode flag 0. */
    void sendVersion(final String userAgent, final int startHeight) throws IOException
    {
        final byte[] ua = userAgent.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Network.PROTOCOL_VERSION).putLong(0).putLong(System.currentTimeMillis() / 1000);
        b.putLong(0).put(ipv4Mapped()).order(ByteOrder.BIG_ENDIAN).putShort((short)socket.getPort()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0).put(ipv4Mapped()).order(ByteOrder.BIG_ENDIAN).putShort((short)0).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ThreadLocalRandom.current().nextLong());
        b.put((byte)ua.length).put(ua).putInt(startHeight).put((byte)0);
        final byte[] challenge = new byte[32];
        ThreadLocalRandom.current().nextBytes(challenge);
        b.put(challenge).put((byte)0);
        send("version", slice(b));
    }

    /** Version, then verack once the node's version arrived; waits for the node's verack. */
    void handshake(final String userAgent) throws IOException, InterruptedException
    {
        sendVersion(userAgent, 0);
        expect("version", Duration.ofSeconds(10));
        send("verack", new byte[0]);
        expect("verack", Duration.ofSeconds(10));
    }

    void send(final String command, final byte[] payload) throws IOException
    {
        final ByteBuffer frame = ByteBuffer.allocate(24 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(MAGIC);
        final byte[] name = new byte[12];
        final byte[] ascii = command.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, name, 0, ascii.length);
        frame.put(name).putInt(payload.length).put(sha256d(payload), 0, 4).put(payload);
        synchronized (out)
        {
            out.write(frame.array());
            out.flush();
        }
    }

    /** Send a ping and return its nonce. */
    long ping() throws IOException
    {
        final long nonce = ThreadLocalRandom.current().nextLong();
        send("ping", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(nonce).array());
        return nonce;
    }

    /** {@code getheaders} with an empty locator and {@code stopHash} (display hex) as hash-stop. */
    void getHeadersOf(final String stopHashHex) throws IOException
    {
        final ByteBuffer b = ByteBuffer.allocate(4 + 1 + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Network.PROTOCOL_VERSION).put((byte)0).put(internal(stopHashHex));
        send("getheaders", b.array());
    }

    /** Wait for the pong with this nonce; returns it (everything before it stays readable in {@link #seen()}). */
    Message awaitPong(final long nonce, final Duration timeout) throws InterruptedException
    {
        return expect(m -> m.command().equals("pong") && m.le().getLong(0) == nonce, timeout);
    }

    Message expect(final String command, final Duration timeout) throws InterruptedException
    {
        return expect(m -> m.command().equals(command), timeout);
    }

    /** Next message matching {@code filter}, or null when none arrives in time. */
    Message expect(final Predicate<Message> filter, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime())
        {
            final Message m = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m == null)
            {
                return null;
            }
            synchronized (seen)
            {
                seen.add(m);
            }
            if (filter.test(m))
            {
                return m;
            }
        }
        return null;
    }

    /** Messages taken from the inbox so far, in arrival order. */
    List<Message> seen()
    {
        synchronized (seen)
        {
            return new ArrayList<>(seen);
        }
    }

    boolean isClosedByPeer()
    {
        return !reader.isAlive();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    private void readLoop()
    {
        try
        {
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] header = new byte[24];
            while (true)
            {
                in.readFully(header);
                final ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                final String command = new String(header, 4, 12, StandardCharsets.US_ASCII).replace("\0", "");
                final byte[] payload = new byte[h.getInt(16)];
                in.readFully(payload);
                inbox.add(new Message(command, payload, Instant.now()));
            }
        }
        catch (final IOException closed)
        {
            // The node closed the connection, or we did.
        }
    }

    static byte[] internal(final String displayHex)
    {
        final byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            bytes[31 - i] = (byte)Integer.parseInt(displayHex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static byte[] sha256d(final byte[] data)
    {
        try
        {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(data));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] ipv4Mapped()
    {
        return new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)0xff, (byte)0xff, 127, 0, 0, 1};
    }

    private static byte[] slice(final ByteBuffer b)
    {
        final byte[] bytes = new byte[b.position()];
        System.arraycopy(b.array(), 0, bytes, 0, bytes.length);
        return bytes;
    }
}
