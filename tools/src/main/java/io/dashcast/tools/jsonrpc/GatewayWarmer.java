package io.dashcast.tools.jsonrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.IntFunction;

/**
 * The gateway's {@code submitblock} path warmed by the gateway itself: {@code submitblock} calls
 * over loopback, as a pool sends them (HTTP/1.1, Basic authentication, the block in hex), marked
 * with a secret header made at start so their blocks are dry runs ({@link BlockSink#dryRun}): the
 * HTTP server, the authentication, the JSON scan, the hex decode and the validation gate run as for a real
 * block, and nothing reaches a peer or dashd. A fresh JVM's first {@code submitblock} otherwise
 * runs all of that interpreted (64-595 ms to the last peer, 1 KiB to 2 MiB, against 1-25 ms warm).
 * Small blocks most of the time, a large one every {@link #LARGE_EVERY}-th request (the long hex
 * and body loops), a new connection every {@link #REQUESTS_PER_CONNECTION}. Not thread safe.
 */
final class GatewayWarmer
{
    /** The header that marks a warm-up request; its value is the gateway's secret. */
    static final String DRY_RUN_HEADER = "X-Dashcast-Dry-Run";
    /** Bytes of the small warm-up block. */
    static final int SMALL_BLOCK_BYTES = 1024;
    /** Bytes of the large warm-up block at most. */
    static final int LARGE_BLOCK_BYTES = 1024 * 1024;
    static final int LARGE_EVERY = 16;
    static final int REQUESTS_PER_CONNECTION = 8;

    private final InetSocketAddress address;
    private final String authorization;
    private final String token;
    private final byte[] small;
    private final byte[] smallStringId;
    private final byte[] large;
    private final byte[] answer = new byte[64 * 1024];
    private Socket socket;
    private int onConnection;
    private long requests;

    /**
     * @param address     where the gateway listens (loopback when it listens on every address).
     * @param credentials {@code user:password} as the gateway expects it.
     * @param token       the gateway's dry-run secret.
     * @param blocks      dummy blocks by minimum size.
     * @param maxBodyBytes the gateway's body bound (the large block is kept under it).
     */
    GatewayWarmer(
        final InetSocketAddress address, final String credentials, final String token, final IntFunction<byte[]> blocks,
        final int maxBodyBytes)
    {
        this.address = address.getAddress().isAnyLocalAddress() ?
            new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort()) : address;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.token = token;
        this.small = request(blocks.apply(SMALL_BLOCK_BYTES), "1");
        this.smallStringId = request(blocks.apply(SMALL_BLOCK_BYTES), "\"dashcast-warm-up\"");
        this.large = request(blocks.apply(Math.min(LARGE_BLOCK_BYTES, (maxBodyBytes - 1024) / 2 - 1024)), "2");
    }

    /**
     * @return a new secret for {@link #DRY_RUN_HEADER}.
     */
    static String newToken()
    {
        final byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Send warm-up requests until {@code count} are answered or the deadline passes.
     *
     * @param count      requests.
     * @param deadlineNs {@link System#nanoTime()} bound.
     * @return requests answered.
     * @throws IOException when the gateway cannot be reached or answers other than 200 or 500.
     */
    int warm(final int count, final long deadlineNs) throws IOException
    {
        int done = 0;
        while (done < count && System.nanoTime() - deadlineNs < 0)
        {
            warmOnce();
            done++;
        }
        return done;
    }

    /**
     * One warm-up request (a large block every {@link #LARGE_EVERY}-th), on a kept-alive connection.
     *
     * @throws IOException when the gateway cannot be reached or answers other than 200 or 500.
     */
    void warmOnce() throws IOException
    {
        final long n = requests++;
        // Pools send numeric ids (NOMP, miningcore) and string ids (others): both are read.
        send(n % LARGE_EVERY == LARGE_EVERY - 1 ? large : (n & 1) == 0 ? small : smallStringId);
    }

    /**
     * One small warm-up request (keep-warm while idle: the code stays compiled, and a large block
     * would only push the caches' contents out).
     *
     * @throws IOException when the gateway cannot be reached or answers other than 200 or 500.
     */
    void warmSmall() throws IOException
    {
        send((requests++ & 1) == 0 ? small : smallStringId);
    }

    private void send(final byte[] request) throws IOException
    {
        if (socket == null || onConnection == REQUESTS_PER_CONNECTION)
        {
            close();
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(address, 5_000);
            onConnection = 0;
        }
        onConnection++;
        try
        {
            final OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            readAnswer(socket.getInputStream());
        }
        catch (final IOException ex)
        {
            close();
            throw ex;
        }
    }

    private void readAnswer(final InputStream in) throws IOException
    {
        int n = 0;
        int headerEnd = -1;
        int contentLength = -1;
        while (headerEnd < 0 || n < headerEnd + contentLength)
        {
            if (n == answer.length)
            {
                throw new IOException("warm-up answer too long");
            }
            final int read = in.read(answer, n, answer.length - n);
            if (read < 0)
            {
                throw new IOException("the gateway closed the warm-up connection");
            }
            n += read;
            if (headerEnd < 0)
            {
                final String text = new String(answer, 0, n, StandardCharsets.ISO_8859_1);
                final int end = text.indexOf("\r\n\r\n");
                if (end >= 0)
                {
                    headerEnd = end + 4;
                    // 200, or 500 with the answer to a block that reached no path (a dry run's, with no dashd)
                    if (!text.startsWith("HTTP/1.1 200") && !text.startsWith("HTTP/1.1 500"))
                    {
                        throw new IOException("warm-up answered " + text.substring(0, text.indexOf('\r')));
                    }
                    contentLength = contentLength(text.substring(0, end));
                }
            }
        }
    }

    private static int contentLength(final String headers) throws IOException
    {
        for (final String line : headers.split("\r\n"))
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length"))
            {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new IOException("warm-up answer without Content-Length");
    }

    private byte[] request(final byte[] block, final String idJson)
    {
        final byte[] body = ("{\"jsonrpc\":\"1.0\",\"id\":" + idJson + ",\"method\":\"submitblock\",\"params\":[\"" +
            HexFormat.of().formatHex(block) + "\"]}").getBytes(StandardCharsets.US_ASCII);
        final byte[] head = ("POST / HTTP/1.1\r\nHost: " + address.getAddress().getHostAddress() + ":" + address.getPort() +
            "\r\nAuthorization: " + authorization + "\r\n" + DRY_RUN_HEADER + ": " + token +
            "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        final byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /**
     * Close the connection, if open.
     */
    void close()
    {
        if (socket != null)
        {
            try
            {
                socket.close();
            }
            catch (final IOException ex)
            {
                // nothing to do: the gateway closes its side on its own
            }
            socket = null;
        }
    }
}
