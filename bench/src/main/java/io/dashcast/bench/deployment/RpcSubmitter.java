package io.dashcast.bench.deployment;

import io.dashcast.bench.harness.HarnessException;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.sim.dashd.FakeDashd;
import io.dashcast.tools.jsonrpc.BlockSink;
import io.dashcast.tools.jsonrpc.RpcGateway;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON-RPC ingress: the daemon's {@code submitblock} endpoint ({@link RpcGateway}, with no dashd behind it: the answer follows the peers' acks) on
 * loopback with a sink that submits to the broadcaster, and a pool's side of it: one kept-alive
 * connection and the request (JSON with the block in hex) built before the timed call, as a pool
 * has it ready when it finds a block. The timed call writes the request and reads the answer. The
 * gateway, as dashd, closes a connection idle for 30 s: a call after 25 s of quiet or more connects
 * again, inside the timed call, as a pool's HTTP client does when its kept-alive socket was closed.
 */
final class RpcSubmitter implements AutoCloseable
{
    private static final String USER = "bench";
    private static final String PASSWORD = "bench";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"submitblock\",\"params\":[\"";
    private static final String SUFFIX = "\"]}";

    private final RpcGateway server;
    private final FakeDashd dashd;
    /**
     * A client keeps an idle connection for less than the server's 30 s: reusing one the server is
     * closing at that moment got a 1 MiB block a 408 (the gateway's idle timeout fired mid-body).
     */
    private static final long CLIENT_KEEP_ALIVE_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(25);

    private SocketChannel channel;
    private long lastCallNs = System.nanoTime();
    private final ByteBuffer request;
    private final ByteBuffer reply = ByteBuffer.allocateDirect(64 * 1024);
    private final byte[] replyBytes = new byte[64 * 1024];
    private final String host;

    private RpcSubmitter(
        final RpcGateway server, final FakeDashd dashd, final SocketChannel channel, final int maxBlockBytes)
    {
        this.server = server;
        this.dashd = dashd;
        this.channel = channel;
        this.request = ByteBuffer.allocateDirect(2 * maxBlockBytes + 1024);
        this.host = "127.0.0.1:" + server.port();
    }

    /**
     * Start the endpoint on an ephemeral loopback port and connect to it.
     *
     * @param sink          the sink: the broadcaster's submission of the block and its dry run (the
     *                      gateway's warm-up).
     * @param maxBlockBytes largest block.
     * @param warmUpRequests dry-run calls the gateway sends itself at start.
     * @param keepWarmMs    the gateway's keep-warm idle time; 0 for off.
     * @return the running pair.
     * @throws IOException if the connection fails.
     */
    static RpcSubmitter start(
        final BlockSink sink, final int maxBlockBytes,
        final int warmUpRequests, final long keepWarmMs) throws IOException
    {
        // The gateway passes every other call to a dashd; a fake one here (submitblock is answered by the
        // broadcaster's submission, which has no dashd RPC path in this harness).
        final FakeDashd dashd = FakeDashd.start("dashd", "dashd-password");
        final RpcGateway server = RpcGateway.start(new RpcGateway.Context()
            .dashd(new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user("dashd")
                .password("dashd-password").conclude()))
            .port(0)
            .rpcUser(USER)
            .rpcPassword(PASSWORD)
            .maxBodyBytes(Math.max(RpcGateway.Context.DEFAULT_MAX_BODY_BYTES, 2 * maxBlockBytes + 1024))
            .warmUpRequests(warmUpRequests)
            .keepWarmIdleMs(keepWarmMs)
            .log(System.err::println)
            .blockSink(sink));
        try
        {
            return new RpcSubmitter(server, dashd, connect(server.port()), maxBlockBytes);
        }
        catch (final IOException ex)
        {
            server.close();
            dashd.close();
            throw ex;
        }
    }

    /**
     * Build the request for this block (not timed: the pool has it ready).
     *
     * @param block  the block.
     * @param length its bytes.
     */
    void prepare(final DirectBuffer block, final int length)
    {
        final int body = PREFIX.length() + 2 * length + SUFFIX.length();
        final String head = "POST / HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Basic " +
            Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.US_ASCII)) +
            "\r\nContent-Type: application/json\r\nContent-Length: " + body + "\r\n\r\n";
        request.clear();
        request.put(head.getBytes(StandardCharsets.US_ASCII)).put(PREFIX.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < length; i++)
        {
            final int b = block.getByte(i) & 0xFF;
            request.put(HEX[b >>> 4]).put(HEX[b & 0xF]);
        }
        request.put(SUFFIX.getBytes(StandardCharsets.US_ASCII)).flip();
    }

    /**
     * @return the prepared request's bytes (a view: its own position), to send the same bytes elsewhere.
     */
    ByteBuffer request()
    {
        return request.duplicate().rewind();
    }

    /**
     * The timed call: write the prepared request and read the whole answer.
     *
     * @throws IOException on a connection error.
     * @throws HarnessException when the answer is not dashd's success ({@code "result":null}).
     */
    void call() throws IOException
    {
        if (System.nanoTime() - lastCallNs > CLIENT_KEEP_ALIVE_NS || closedByEndpoint())
        {
            channel.close();
            channel = connect(server.port());
        }
        lastCallNs = System.nanoTime();
        request.rewind();
        while (request.hasRemaining())
        {
            channel.write(request);
        }
        reply.clear();
        int headerEnd = -1;
        int contentLength = -1;
        while (headerEnd < 0 || reply.position() < headerEnd + contentLength)
        {
            if (channel.read(reply) < 0)
            {
                throw new HarnessException("rpc: connection closed by the endpoint");
            }
            if (headerEnd < 0)
            {
                final String text = text();
                final int end = text.indexOf("\r\n\r\n");
                if (end >= 0)
                {
                    headerEnd = end + 4;
                    contentLength = contentLength(text.substring(0, end));
                }
            }
        }
        final String text = text();
        if (!text.contains("\"result\":null") || !text.contains("\"error\":null"))
        {
            throw new HarnessException("rpc: unexpected answer: " + text);
        }
    }

    /**
     * @return true when the endpoint has closed the kept-alive connection (an idle close).
     */
    private boolean closedByEndpoint() throws IOException
    {
        channel.configureBlocking(false);
        try
        {
            reply.clear();
            return channel.read(reply) < 0;
        }
        catch (final IOException reset)
        {
            return true;
        }
        finally
        {
            channel.configureBlocking(true);
        }
    }

    private static SocketChannel connect(final int port) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return channel;
    }

    private String text()
    {
        final int n = reply.position();
        reply.get(0, replyBytes, 0, n);
        return new String(replyBytes, 0, n, StandardCharsets.US_ASCII);
    }

    private static int contentLength(final String headers)
    {
        for (final String line : headers.split("\r\n"))
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length"))
            {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new HarnessException("rpc: answer without Content-Length: " + headers);
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
        server.close();
        dashd.close();
    }
}
