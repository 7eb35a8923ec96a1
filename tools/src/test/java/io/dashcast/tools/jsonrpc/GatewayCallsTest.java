package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.sim.dashd.FakeDashd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The request body is only lent to {@link GatewayCalls#answer} (the gateway reads the next large
 * body into the same array): what dashd gets after the call returns comes from a copy.
 */
@Timeout(30)
class GatewayCallsTest
{
    private FakeDashd dashd;
    private DashdRpcClient client;

    @BeforeEach
    void setUp() throws Exception
    {
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip("00".repeat(32), 41);
        client = new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password"));
    }

    @AfterEach
    void tearDown()
    {
        dashd.close();
    }

    @Test
    void shouldForwardTheCallsAfterASubmitblockInABatchFromACopyOfTheBody() throws Exception
    {
        // dashd answers the first call late: the batch's last call is written to it only then, long
        // after answer() returned and the array was overwritten by the next body.
        dashd.delayMs(300);
        final GatewayCalls calls = new GatewayCalls(client, block -> null, ex -> { throw new AssertionError(ex); });
        final String batch = "[{\"method\":\"getblockcount\",\"params\":[],\"id\":1}," +
            "{\"method\":\"submitblock\",\"params\":[\"" + HexFormat.of().formatHex(new byte[200]) + "\"],\"id\":2}," +
            "{\"method\":\"getblockcount\",\"params\":[],\"id\":3}]";
        final byte[] lent = Arrays.copyOf(batch.getBytes(StandardCharsets.US_ASCII), batch.length() + 100);
        final var answer = calls.answer("/", lent, batch.length(), null, false);
        Arrays.fill(lent, (byte)'x');
        assertEquals("[{\"result\":41,\"error\":null,\"id\":1},{\"result\":null,\"error\":null,\"id\":2}," +
            "{\"result\":41,\"error\":null,\"id\":3}]\n", new String(answer.get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldForwardAWholeBodyFromACopy() throws Exception
    {
        final GatewayCalls calls = new GatewayCalls(client, block -> null, ex -> { throw new AssertionError(ex); });
        final String call = "{\"method\":\"getblockcount\",\"params\":[],\"id\":\"whole\"}";
        final byte[] lent = Arrays.copyOf(call.getBytes(StandardCharsets.US_ASCII), call.length() + 7);
        final var answer = calls.answer("/", lent, call.length(), null, false);
        Arrays.fill(lent, (byte)'x');
        assertEquals("{\"result\":41,\"error\":null,\"id\":\"whole\"}\n",
            new String(answer.get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8));
    }
}
