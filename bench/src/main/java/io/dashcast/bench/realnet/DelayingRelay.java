package io.dashcast.bench.realnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A userspace stand-in for netem: a TCP relay on 127.0.0.1 that forwards every byte to a target
 * port after a fixed one-way delay, in both directions, optionally at a capped rate.
 * <p>
 * Each direction is a reader thread (stamps each chunk with {@code arrival + delay}) and a writer
 * thread (waits for the stamp, then writes; with a cap, a chunk of n bytes also occupies the link
 * for n x 8 / rate, so a big block queues behind itself as on a real uplink). Delay is applied per
 * chunk, not per packet, which is what matters here: the first byte of a message arrives
 * {@code delay} after it was sent, the last one {@code delay + size / rate} after.
 */
final class DelayingRelay implements AutoCloseable
{
    private static final int CHUNK_BYTES = 16 * 1024;
    private static final byte[] END = new byte[0];

    private final ServerSocket server;
    private final int targetPort;
    private final long delayNs;
    private final long bitsPerSecond;
    private final SharedUplink uplink;
    private volatile boolean closed;

    /** One uplink shared by every connection through the relays that hold it: the pool's line. */
    static final class SharedUplink
    {
        private final long bitsPerSecond;
        private long freeAtNs;

        SharedUplink(final int mbps)
        {
            this.bitsPerSecond = mbps * 1_000_000L;
        }

        /** @return when a chunk ready at {@code readyNs} has left the line. */
        synchronized long send(final long readyNs, final int bytes)
        {
            final long startNs = Math.max(readyNs, freeAtNs);
            freeAtNs = startNs + bytes * 8L * 1_000_000_000L / bitsPerSecond;
            return freeAtNs;
        }
    }

    /**
     * @param targetPort    where to forward (127.0.0.1).
     * @param delayMs       one-way delay each way.
     * @param capMbps       rate cap each way in Mbit/s, 0 for none.
     */
    DelayingRelay(final int targetPort, final int delayMs, final int capMbps) throws IOException
    {
        this(targetPort, delayMs, capMbps, null);
    }

    /**
     * @param uplink a line shared with other relays for the forward direction (client to target), or null.
     */
    DelayingRelay(final int targetPort, final int delayMs, final int capMbps, final SharedUplink uplink) throws IOException
    {
        this.uplink = uplink;
        this.targetPort = targetPort;
        this.delayNs = TimeUnit.MILLISECONDS.toNanos(delayMs);
        this.bitsPerSecond = capMbps * 1_000_000L;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final Thread acceptor = new Thread(this::acceptLoop, "relay-accept-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port to connect to instead of the target. */
    int port()
    {
        return server.getLocalPort();
    }

    int delayMs()
    {
        return (int)TimeUnit.NANOSECONDS.toMillis(delayNs);
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        server.close();
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket client = server.accept();
                final Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream, uplink);
                pipe(upstream, client, null);
            }
            catch (final IOException ex)
            {
                if (closed)
                {
                    return;
                }
            }
        }
    }

    private void pipe(final Socket from, final Socket to, final SharedUplink line) throws IOException
    {
        final LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        final InputStream in = from.getInputStream();
        final OutputStream out = to.getOutputStream();
        final Thread reader = new Thread(() -> read(in, queue), "relay-read-" + targetPort);
        final Thread writer = new Thread(() -> write(out, queue, from, to, line), "relay-write-" + targetPort);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private void read(final InputStream in, final LinkedBlockingQueue<Object[]> queue)
    {
        final byte[] buffer = new byte[CHUNK_BYTES];
        try
        {
            int n;
            while ((n = in.read(buffer)) >= 0)
            {
                queue.add(new Object[] {System.nanoTime() + delayNs, Arrays.copyOf(buffer, n)});
            }
        }
        catch (final IOException closedSocket)
        {
            // fall through: tell the writer
        }
        queue.add(new Object[] {System.nanoTime() + delayNs, END});
    }

    private void write(
        final OutputStream out, final LinkedBlockingQueue<Object[]> queue, final Socket a, final Socket b, final SharedUplink line)
    {
        long linkFreeNs = 0;
        try
        {
            while (true)
            {
                final Object[] item = queue.take();
                final byte[] bytes = (byte[])item[1];
                long dueNs = (long)item[0];
                if (line != null && bytes != END)
                {
                    dueNs = line.send(dueNs - delayNs, bytes.length) + delayNs;
                }
                else if (bitsPerSecond > 0)
                {
                    // The chunk leaves the link once the link has carried what was before it, and itself.
                    final long startNs = Math.max(dueNs - delayNs, linkFreeNs);
                    linkFreeNs = startNs + bytes.length * 8L * 1_000_000_000L / bitsPerSecond;
                    dueNs = linkFreeNs + delayNs;
                }
                sleepUntil(dueNs);
                if (bytes == END)
                {
                    break;
                }
                out.write(bytes);
                out.flush();
            }
        }
        catch (final IOException | InterruptedException ex)
        {
            // one side went away
        }
        closeQuietly(a);
        closeQuietly(b);
    }

    private static void sleepUntil(final long dueNs)
    {
        for (long left = dueNs - System.nanoTime(); left > 0; left = dueNs - System.nanoTime())
        {
            LockSupport.parkNanos(left);
        }
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }
}
