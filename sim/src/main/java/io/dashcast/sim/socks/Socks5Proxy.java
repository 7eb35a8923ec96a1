package io.dashcast.sim.socks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SOCKS5 proxy double on 127.0.0.1 (RFC 1928, CONNECT only) for tests: it routes each requested
 * {@code host:port} (a {@code .onion} name, say) to a loopback port given with {@link #route}, and
 * relays bytes both ways, one thread per direction. It records every CONNECT it was asked for, and
 * can be told to refuse (a reply code) or to demand authentication. Bounded: at most 64 connections
 * at once; {@link #close()} stops everything.
 */
public final class Socks5Proxy implements AutoCloseable
{
    private static final int MAX_CONNECTIONS = 64;

    private final ServerSocket server;
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile int refuseWith;
    private volatile boolean demandAuthentication;

    private Socks5Proxy() throws IOException
    {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "socks5-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @return a running proxy on 127.0.0.1 and an ephemeral port.
     * @throws IOException if it cannot listen.
     */
    public static Socks5Proxy start() throws IOException
    {
        return new Socks5Proxy();
    }

    /**
     * @return where to reach the proxy.
     */
    public InetSocketAddress address()
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /**
     * @param host          the name a client will ask for.
     * @param port          the port it will ask for.
     * @param loopbackPort  where on 127.0.0.1 that really is.
     * @return this.
     */
    public Socks5Proxy route(final String host, final int port, final int loopbackPort)
    {
        routes.put(host + ":" + port, loopbackPort);
        return this;
    }

    /**
     * @param replyCode RFC 1928 REP to answer every CONNECT with (0 to connect again).
     * @return this.
     */
    public Socks5Proxy refuseWith(final int replyCode)
    {
        this.refuseWith = replyCode;
        return this;
    }

    /**
     * @param on answer the greeting with "username/password required" instead of "no authentication".
     * @return this.
     */
    public Socks5Proxy demandAuthentication(final boolean on)
    {
        this.demandAuthentication = on;
        return this;
    }

    /**
     * @return every {@code host:port} a client asked to CONNECT to, in order.
     */
    public List<String> requests()
    {
        return List.copyOf(requests);
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket client = server.accept();
                if (sockets.size() >= MAX_CONNECTIONS)
                {
                    client.close();
                    continue;
                }
                sockets.add(client);
                daemon(() -> serve(client), "socks5-client");
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void serve(final Socket client)
    {
        try
        {
            final DataInputStream in = new DataInputStream(client.getInputStream());
            final OutputStream out = client.getOutputStream();
            if (in.readByte() != 5)
            {
                client.close();
                return;
            }
            in.readNBytes(in.readUnsignedByte());
            out.write(new byte[] {5, (byte)(demandAuthentication ? 2 : 0)});
            if (demandAuthentication)
            {
                client.close();
                return;
            }
            final byte[] head = in.readNBytes(4);
            final String host = switch (head[3])
            {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> throw new IOException("address type " + head[3]);
            };
            final int port = in.readUnsignedShort();
            requests.add(host + ":" + port);
            final Integer target = routes.get(host + ":" + port);
            final int reply = refuseWith != 0 ? refuseWith : target == null ? 4 : 0;
            if (reply != 0)
            {
                out.write(new byte[] {5, (byte)reply, 0, 1, 0, 0, 0, 0, 0, 0});
                client.close();
                return;
            }
            final Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(upstream);
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, (byte)(target >>> 8), target.byteValue()});
            daemon(() -> pump(upstream, client), "socks5-down");
            pump(client, upstream);
        }
        catch (final IOException ex)
        {
            closeQuietly(client);
        }
    }

    private static void pump(final Socket from, final Socket to)
    {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream())
        {
            in.transferTo(out);
        }
        catch (final IOException ex)
        {
            // one side closed: close both
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static void daemon(final Runnable task, final String name)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
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

    @Override
    public void close()
    {
        try
        {
            server.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
        sockets.forEach(Socks5Proxy::closeQuietly);
        try
        {
            acceptor.join(2000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
