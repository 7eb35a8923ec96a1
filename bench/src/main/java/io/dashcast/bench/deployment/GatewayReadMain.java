package io.dashcast.bench.deployment;

import io.dashcast.engine.Broadcaster;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * How long a pool's {@code submitblock} takes to reach dashcast through the gateway: from the
 * first byte of the request to the decoded block in the gateway's sink (the sink answers at once,
 * so nothing after the hand-over is timed), against the floor of one HTTP exchange: a thread
 * blocked in {@code read} on a plain socket that takes the same request bytes and writes a fixed
 * answer. Same request, same pause between calls (the pause lets threads sleep, as minutes
 * between blocks do), rounds alternating in one JVM; prints each round's p50 and the median ratio.
 * The gateway and the pool's side of it are the deployment harness's ({@link RpcSubmitter}).
 * <pre>
 * java $FLAGS -cp bench/target/benchmarks.jar io.dashcast.bench.deployment.GatewayReadMain [bytes] [rounds] [calls] [pause-ms]
 * </pre>
 */
public final class GatewayReadMain
{
    private static final byte[] ANSWER =
        "HTTP/1.1 200 OK\r\nContent-Length: 36\r\n\r\n{\"result\":null,\"error\":null,\"id\":1}\n".getBytes(StandardCharsets.US_ASCII);

    private static volatile long sinkNs;

    private GatewayReadMain()
    {
    }

    /**
     * @param args block bytes (default 1 MiB), rounds (default 5), calls per round and side
     *             (default 200), pause between calls in ms (default 2).
     * @throws Exception on a failed call.
     */
    public static void main(final String[] args) throws Exception
    {
        final int bytes = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final int calls = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        final long pauseMs = args.length > 3 ? Long.parseLong(args[3]) : 2;
        final byte[] block = Broadcaster.warmUpBlock(bytes);
        // The sink answers at once (null: the gateway answers "result": null), so only the way in is timed.
        try (RpcSubmitter gateway = RpcSubmitter.start(b ->
            {
                sinkNs = System.nanoTime();
                return null;
            }, block.length, 0, 0);
            ServerSocketChannel floorServer = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            gateway.prepare(new UnsafeBuffer(block), block.length);
            final ByteBuffer request = gateway.request();
            final Thread floor = floorThread(floorServer, request.remaining());
            try (SocketChannel toFloor = SocketChannel.open(floorServer.getLocalAddress()))
            {
                toFloor.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final ByteBuffer reply = ByteBuffer.allocateDirect(64 * 1024);
                System.out.printf("block %d bytes, request %d bytes, %d calls per side and round, %d ms apart%n",
                    block.length, request.remaining(), calls, pauseMs);
                System.out.printf("%-6s %18s %22s %8s%n", "round", "floor answer p50 us", "gateway to sink p50 us", "ratio");
                final double[] ratios = new double[rounds];
                for (int round = 0; round < rounds; round++)
                {
                    final Histogram floorUs = new Histogram(3);
                    final Histogram gatewayUs = new Histogram(3);
                    for (int i = 0; i < calls; i++)
                    {
                        final long floorStart = System.nanoTime();
                        exchange(toFloor, request, reply);
                        floorUs.recordValue((System.nanoTime() - floorStart) / 1000);
                        Thread.sleep(pauseMs);
                        final long gatewayStart = System.nanoTime();
                        gateway.call();
                        gatewayUs.recordValue(Math.max(0, sinkNs - gatewayStart) / 1000);
                        Thread.sleep(pauseMs);
                    }
                    final double f = floorUs.getValueAtPercentile(50);
                    final double g = gatewayUs.getValueAtPercentile(50);
                    ratios[round] = g / f;
                    System.out.printf("%-6d %18.0f %22.0f %7.2fx%n", round, f, g, ratios[round]);
                }
                java.util.Arrays.sort(ratios, 1, rounds);
                System.out.printf("median ratio gateway / floor over rounds 1..%d (round 0 is warm-up): %.2fx%n",
                    rounds - 1, rounds > 1 ? ratios[1 + (rounds - 1) / 2] : ratios[0]);
            }
            floor.interrupt();
        }
    }

    /** Write the request, read until the floor's whole answer (it ends with a newline). */
    private static void exchange(final SocketChannel channel, final ByteBuffer request, final ByteBuffer reply)
        throws IOException
    {
        request.rewind();
        while (request.hasRemaining())
        {
            channel.write(request);
        }
        reply.clear();
        do
        {
            if (channel.read(reply) < 0)
            {
                throw new IOException("closed by the server");
            }
        }
        while (reply.position() == 0 || reply.get(reply.position() - 1) != '\n');
    }

    private static Thread floorThread(final ServerSocketChannel server, final int requestBytes)
    {
        final Thread thread = new Thread(() ->
        {
            try (SocketChannel channel = server.accept())
            {
                final ByteBuffer in = ByteBuffer.allocateDirect(requestBytes);
                final ByteBuffer out = ByteBuffer.wrap(ANSWER);
                while (true)
                {
                    in.clear();
                    while (in.hasRemaining())
                    {
                        if (channel.read(in) < 0)
                        {
                            return;
                        }
                    }
                    out.rewind();
                    while (out.hasRemaining())
                    {
                        channel.write(out);
                    }
                }
            }
            catch (final IOException ex)
            {
                // The run is over.
            }
        }, "floor-server");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
