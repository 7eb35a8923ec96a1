package io.dashcast.bench.deployment;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.sim.dashd.FakeDashd;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The gateway's pass-through to dashd, one call at a time, as {@link DashdRpcClient#forward} makes
 * it (Jetty's HTTP client) against the baseline it replaced: the JDK's {@link HttpClient}, HTTP/1.1,
 * {@code sendAsync} with the body as a byte array, as {@code DashdRpcClient} used it until
 * 2026-12-06. Same fake dashd, same request, rounds alternating in one JVM; prints each round's
 * p50 and the median ratio.
 * <pre>
 * java $FLAGS -cp bench/target/benchmarks.jar io.dashcast.bench.deployment.DashdRpcMain [rounds] [calls]
 * </pre>
 */
public final class DashdRpcMain
{
    private DashdRpcMain()
    {
    }

    /**
     * @param args rounds (default 5) and calls per round and client (default 2000).
     * @throws Exception on a failed call.
     */
    public static void main(final String[] args) throws Exception
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        final byte[] body = "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":[]}"
            .getBytes(StandardCharsets.US_ASCII);
        try (FakeDashd dashd = FakeDashd.start("dashd", "dashd-password"))
        {
            dashd.tip(Network.REGTEST.genesisHashHex(), 0);
            final DashdRpcClient jetty = new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user("dashd")
                .password("dashd-password"));
            final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
            final URI uri = URI.create("http://127.0.0.1:" + dashd.port() + "/");
            final String auth = "Basic " + Base64.getEncoder().encodeToString(
                "dashd:dashd-password".getBytes(StandardCharsets.US_ASCII));
            final double[] ratios = new double[rounds];
            System.out.printf("%-6s %14s %14s %8s%n", "round", "jdk p50 us", "jetty p50 us", "ratio");
            for (int round = 0; round < rounds; round++)
            {
                final Histogram jdkNs = new Histogram(3);
                final Histogram jettyNs = new Histogram(3);
                for (int i = 0; i < calls; i++)
                {
                    long start = System.nanoTime();
                    final HttpResponse<byte[]> answer = jdk.sendAsync(HttpRequest.newBuilder(uri)
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).get();
                    jdkNs.recordValue(System.nanoTime() - start);
                    start = System.nanoTime();
                    final DashdRpcClient.Answer forwarded = jetty.forward("/", body, true).get();
                    jettyNs.recordValue(System.nanoTime() - start);
                    if (answer.statusCode() != 200 || forwarded.status() != 200)
                    {
                        throw new IllegalStateException("dashd answered " + answer.statusCode() + " / " + forwarded.status());
                    }
                }
                ratios[round] = (double)jettyNs.getValueAtPercentile(50) / jdkNs.getValueAtPercentile(50);
                System.out.printf("%-6d %14.1f %14.1f %7.2fx%n", round, jdkNs.getValueAtPercentile(50) / 1e3,
                    jettyNs.getValueAtPercentile(50) / 1e3, ratios[round]);
            }
            java.util.Arrays.sort(ratios);
            System.out.printf("median ratio jetty / jdk over %d rounds (round 0 is warm-up for both): %.2fx%n", rounds,
                ratios[rounds / 2]);
        }
    }
}
