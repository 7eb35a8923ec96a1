package io.dashcast.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a SOCKS5 CONNECT (RFC 1928, no authentication) on a non-blocking socket
 * already connected to the proxy: the greeting, then a CONNECT to the peer's host name as given
 * (the proxy resolves it, so a {@code .onion} name works and no DNS query leaves this host), then
 * the proxy's reply. Reads never take more than the reply's own bytes, so the peer's first
 * message stays in the socket for the frame reader. One per peer, reused on every connect; the
 * buffer is bounded (a CONNECT request is at most 262 bytes).
 */
final class Socks5Connect
{
    /** The proxy connected us to the peer: the Dash handshake may start. */
    static final int CONNECTED = 1;
    /** Waiting for more of the proxy's answer. */
    static final int PENDING = 0;

    private static final int MAX_REQUEST = 4 + 1 + 255 + 2;
    private static final byte VERSION = 5;
    private static final byte NO_AUTHENTICATION = 0;
    private static final byte CONNECT = 1;
    private static final byte ATYP_IPV4 = 1;
    private static final byte ATYP_DOMAIN = 3;
    private static final byte ATYP_IPV6 = 4;
    private static final int AWAIT_METHOD = 1;
    private static final int AWAIT_REPLY = 2;

    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_REQUEST);
    private final ByteBuffer in = ByteBuffer.allocateDirect(4 + 1 + 255 + 2);
    private final byte[] host;
    private final int port;
    private int stage;
    private String failure = "";

    /**
     * @param host the peer's host name or address literal, as the proxy should see it.
     * @param port the peer's port.
     * @throws IllegalArgumentException if the host name is longer than SOCKS5's 255 bytes.
     */
    Socks5Connect(final String host, final int port)
    {
        this.host = host.getBytes(StandardCharsets.US_ASCII);
        this.port = port;
        if (this.host.length == 0 || this.host.length > 255)
        {
            throw new IllegalArgumentException("host '" + host + "' cannot go through SOCKS5 (1..255 bytes)");
        }
    }

    /**
     * Send the greeting (one method: no authentication). Call once the socket to the proxy is connected.
     *
     * @throws IOException when the socket fails or does not take the greeting whole.
     */
    void start(final SocketChannel channel) throws IOException
    {
        out.clear();
        out.put(VERSION).put((byte)1).put(NO_AUTHENTICATION).flip();
        expect(2);
        stage = AWAIT_METHOD;
        writeAll(channel);
    }

    /**
     * Read what the proxy sent and answer it.
     *
     * @return {@link #CONNECTED}, {@link #PENDING}, or -1 when the proxy refused ({@link #failure()} says why)
     * or closed the connection.
     */
    int onReadable(final SocketChannel channel) throws IOException
    {
        if (channel.read(in) < 0)
        {
            return refuse("the proxy closed the connection");
        }
        if (in.hasRemaining())
        {
            return PENDING;
        }
        if (stage == AWAIT_METHOD)
        {
            return onMethod(channel);
        }
        return onReply();
    }

    /**
     * @return why the proxy did not connect us (empty while it did not refuse).
     */
    String failure()
    {
        return failure;
    }

    private int onMethod(final SocketChannel channel) throws IOException
    {
        if (in.get(0) != VERSION)
        {
            return refuse("not a SOCKS5 proxy (version byte " + in.get(0) + ")");
        }
        if (in.get(1) != NO_AUTHENTICATION)
        {
            return refuse("the proxy wants authentication (method " + (in.get(1) & 0xFF) + "), dashcast offers none");
        }
        out.clear();
        out.put(VERSION).put(CONNECT).put((byte)0).put(ATYP_DOMAIN).put((byte)host.length).put(host)
            .put((byte)(port >>> 8)).put((byte)port).flip();
        expect(5);
        stage = AWAIT_REPLY;
        writeAll(channel);
        return PENDING;
    }

    private int onReply()
    {
        if (in.get(0) != VERSION)
        {
            return refuse("not a SOCKS5 reply (version byte " + in.get(0) + ")");
        }
        final int reply = in.get(1) & 0xFF;
        if (reply != 0)
        {
            return refuse("the proxy could not connect: " + replyText(reply));
        }
        final int total = switch (in.get(3))
        {
            case ATYP_IPV4 -> 4 + 4 + 2;
            case ATYP_IPV6 -> 4 + 16 + 2;
            case ATYP_DOMAIN -> 4 + 1 + (in.get(4) & 0xFF) + 2;
            default -> -1;
        };
        if (total < 0)
        {
            return refuse("the proxy's reply has address type " + in.get(3));
        }
        if (in.limit() < total)
        {
            in.limit(total);
            return PENDING;
        }
        return CONNECTED;
    }

    private void expect(final int bytes)
    {
        in.clear().limit(bytes);
    }

    private void writeAll(final SocketChannel channel) throws IOException
    {
        channel.write(out);
        if (out.hasRemaining())
        {
            // A fresh socket's send buffer takes a few hundred bytes whole; anything else is broken.
            throw new IOException("the proxy connection did not take a " + out.limit() + "-byte SOCKS5 request");
        }
    }

    private int refuse(final String why)
    {
        failure = why;
        return -1;
    }

    /**
     * @param reply RFC 1928's REP field.
     * @return what it means.
     */
    static String replyText(final int reply)
    {
        return switch (reply)
        {
            case 1 -> "general failure (1)";
            case 2 -> "not allowed by its rules (2)";
            case 3 -> "network unreachable (3)";
            case 4 -> "host unreachable (4)";
            case 5 -> "connection refused by the peer (5)";
            case 6 -> "TTL expired (6)";
            case 7 -> "command not supported (7)";
            case 8 -> "address type not supported (8)";
            default -> "reply code " + reply;
        };
    }

    /**
     * @param host a peer's host.
     * @return true for a Tor onion service name, which only a proxy can reach.
     */
    static boolean isOnion(final String host)
    {
        return host.endsWith(".onion");
    }
}
