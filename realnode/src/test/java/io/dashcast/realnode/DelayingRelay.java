package io.dashcast.realnode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 (port 0) in front of a node's port that can hold back what the client
 * sends: each chunk from client to node waits {@link #delayMs(long)} before it is written (order
 * kept; the node's answers pass at once). Put in front of a node's RPC port it makes our P2P push
 * reach the node first; in front of its P2P port, the RPC {@code submitblock}. One thread per
 * direction and connection; {@link #close()} closes every socket and joins every thread.
 */
final class DelayingRelay implements AutoCloseable
{
    private final ServerSocket server;
    private final int targetPort;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile long delayMs;
    private volatile boolean closed;

    private DelayingRelay(final int targetPort, final String name) throws IOException
    {
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "relay-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param targetPort the node's port on 127.0.0.1.
     * @param name       for thread names.
     * @return the running relay.
     * @throws IOException when it cannot bind.
     */
    static DelayingRelay start(final int targetPort, final String name) throws IOException
    {
        return new DelayingRelay(targetPort, name);
    }

    /** @return the relay's own port on 127.0.0.1. */
    int port()
    {
        return server.getLocalPort();
    }

    /**
     * @param ms how long each chunk from client to node waits from now on (0: none).
     */
    void delayMs(final long ms)
    {
        delayMs = ms;
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket client = server.accept();
                final Socket node = new Socket();
                sockets.add(client);
                sockets.add(node);
                try
                {
                    node.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                }
                catch (final IOException refused)
                {
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                node.setTcpNoDelay(true);
                pump(client, node, true);
                pump(node, client, false);
            }
            catch (final IOException ex)
            {
                // Closed: the loop ends.
            }
        }
    }

    private void pump(final Socket from, final Socket to, final boolean delayed)
    {
        final Thread thread = new Thread(() ->
        {
            final byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream())
            {
                int n;
                while ((n = in.read(buffer)) > 0)
                {
                    final long wait = delayed ? delayMs : 0;
                    if (wait > 0)
                    {
                        Thread.sleep(wait);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            catch (final IOException | InterruptedException ex)
            {
                // One side went away: close both.
            }
            finally
            {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-" + targetPort + (delayed ? "-up" : "-down"));
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException
    {
        closed = true;
        closeQuietly(server);
        sockets.forEach(DelayingRelay::closeQuietly);
        acceptor.join(TimeUnit.SECONDS.toMillis(5));
        for (final Thread thread : threads)
        {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ignore)
        {
            // Closing anyway.
        }
    }
}
