package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.Submission;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.sim.TestBlocks;
import io.dashcast.sim.dashd.FakeDashd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway warms its own {@code submitblock} path at start and while idle with dry runs that
 * never reach the broadcaster or dashd, and a pool cannot turn a real call into a dry run.
 */
@Timeout(60)
class GatewayWarmUpTest
{
    private static final String USER = "pool";
    private static final String PASSWORD = "pool-password";
    private static final int WARM_UP_REQUESTS = 40;

    private final AtomicInteger submits = new AtomicInteger();
    private final AtomicInteger dryRuns = new AtomicInteger();
    private final AtomicInteger refusedDryRuns = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private FakeDashd dashd;
    private Broadcaster broadcaster;
    private RpcGateway gateway;

    @BeforeEach
    void setUp() throws Exception
    {
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
        final DashdRpcClient.Context dashdRpc = new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password");
        broadcaster = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST).loopCount(1).dashdRpc(dashdRpc)
            .threadNamePrefix("warm-up-test-"));
        gateway = RpcGateway.start(new RpcGateway.Context().port(0).rpcUser(USER).rpcPassword(PASSWORD)
            .warmUpRequests(WARM_UP_REQUESTS)
            .keepWarmIdleMs(100)
            .blockSink(new BlockSink()
            {
                @Override
                public Submission submit(final byte[] block)
                {
                    submits.incrementAndGet();
                    return broadcaster.submitAll(block);
                }

                @Override
                public Submission dryRun(final byte[] block)
                {
                    dryRuns.incrementAndGet();
                    final Submission submission = broadcaster.dryRun(block);
                    if (submission.rejectReason() != null)
                    {
                        refusedDryRuns.incrementAndGet();
                    }
                    return submission;
                }
            })
            .dashd(new DashdRpcClient(dashdRpc))
            .log(log::add));
    }

    @AfterEach
    void tearDown()
    {
        gateway.close();
        broadcaster.close();
        dashd.close();
    }

    @Test
    void shouldWarmTheSubmitblockPathWithDryRunsThatReachNoPeerAndNoDashd() throws Exception
    {
        // start() returns after the warm-up: every call was a dry run of a block the gate passes.
        assertTrue(dryRuns.get() >= WARM_UP_REQUESTS, "dry runs " + dryRuns.get());
        assertEquals(0, refusedDryRuns.get());
        assertEquals(0, submits.get());
        assertEquals(0, broadcaster.stats().blocksSubmitted());
        assertEquals(0, broadcaster.stats().blocksRejected());
        assertTrue(dashd.submissions().isEmpty());
        assertTrue(log.stream().anyMatch(line -> line.contains("submitblock path warmed: " + WARM_UP_REQUESTS + " dry runs")),
            log::toString);
        // Idle: the timer keeps calling.
        final int before = dryRuns.get();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dryRuns.get() < before + 2 && System.nanoTime() - deadline < 0)
        {
            Thread.sleep(20);
        }
        assertTrue(dryRuns.get() >= before + 2, "keep-warm dry runs " + (dryRuns.get() - before));
        assertEquals(0, submits.get());
        assertTrue(dashd.submissions().isEmpty());
    }

    @Test
    void shouldBroadcastABlockWhoseCallerGuessesTheDryRunHeader() throws Exception
    {
        final byte[] block = TestBlocks.chain(Network.REGTEST, 1).get(0);
        final String body = "{\"method\":\"submitblock\",\"params\":[\"" + HexFormat.of().formatHex(block) + "\"],\"id\":\"1\"}";
        try (RawHttpWithHeader client = new RawHttpWithHeader(gateway.port(), USER, PASSWORD))
        {
            final String answer = client.post(body, GatewayWarmer.DRY_RUN_HEADER + ": 00000000000000000000000000000000");
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
        assertEquals(1, submits.get());
        assertTrue(dashd.awaitSubmissions(1, 5_000));
    }

    /**
     * One POST with an extra header line, over a plain socket.
     */
    private static final class RawHttpWithHeader implements AutoCloseable
    {
        private final java.net.Socket socket;
        private final String authorization;

        RawHttpWithHeader(final int port, final String user, final String password) throws java.io.IOException
        {
            socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            authorization = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        String post(final String body, final String extraHeader) throws java.io.IOException
        {
            final byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            final String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + authorization + "\r\n" + extraHeader +
                "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws java.io.IOException
        {
            socket.close();
        }
    }
}
