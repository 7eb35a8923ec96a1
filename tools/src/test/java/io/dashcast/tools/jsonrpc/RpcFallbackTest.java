package io.dashcast.tools.jsonrpc;

import io.dashcast.sim.dashd.FakeDashd;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcFallback;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.engine.dashd.SubmitBlockResult.Status;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.dashcast.tools.jsonrpc.RpcVectors.PARENT_HASH;
import static io.dashcast.tools.jsonrpc.RpcVectors.PASSWORD;
import static io.dashcast.tools.jsonrpc.RpcVectors.USER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fallback submits on its own thread, reports a full queue explicitly and completes every
 * future, even at close.
 */
@Timeout(30)
class RpcFallbackTest
{
    private FakeDashd dashd;
    private RpcFallback fallback;

    @BeforeEach
    void start() throws IOException
    {
        dashd = FakeDashd.start(USER, PASSWORD).tip(PARENT_HASH, 101);
    }

    @AfterEach
    void stop()
    {
        if (fallback != null)
        {
            fallback.close(100);
        }
        dashd.close();
    }

    private RpcFallback fallback(final int capacity)
    {
        return new RpcFallback(new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user(USER).password(PASSWORD)
            .requestTimeoutMs(5_000)), capacity);
    }

    @Test
    void shouldSubmitOnItsOwnThread() throws Exception
    {
        fallback = fallback(4);
        final Thread caller = Thread.currentThread();
        final Thread[] ranOn = new Thread[1];
        // dashd answers slowly, so the future is still open when the probe is attached: the probe then
        // runs where the answer arrives (on a machine too quick for that it would run on the caller).
        dashd.delayMs(300);
        final CompletableFuture<SubmitBlockResult> first = fallback.submit(RpcVectors.block());
        final SubmitBlockResult accepted = first.thenApply(r ->
        {
            ranOn[0] = Thread.currentThread();
            return r;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(Status.ACCEPTED, accepted.status());
        assertNotEquals(caller, ranOn[0]);
        dashd.delayMs(0);

        final byte[] block = RpcVectors.block();
        final UnsafeBuffer slot = new UnsafeBuffer(new byte[block.length + 10]);
        slot.putBytes(10, block);
        final CompletableFuture<SubmitBlockResult> copy = fallback.submitCopy(slot, 10, block.length);
        slot.setMemory(0, slot.capacity(), (byte)0);
        assertEquals(Status.DUPLICATE, copy.get(10, TimeUnit.SECONDS).status());
        assertArrayEquals(block, dashd.submissions().get(1).block());
        assertEquals(2, fallback.submittedCount());
    }

    @Test
    void shouldReportAFullQueueExplicitly() throws Exception
    {
        fallback = fallback(1);
        dashd.delayMs(1_000);
        final CompletableFuture<SubmitBlockResult> inFlight = fallback.submit(RpcVectors.block());
        assertTrue(dashd.awaitSubmissions(1, 5_000));
        final CompletableFuture<SubmitBlockResult> queued = fallback.submit(RpcVectors.block());
        final CompletableFuture<SubmitBlockResult> refused = fallback.submit(RpcVectors.block());
        assertTrue(refused.isDone());
        assertEquals(Status.QUEUE_FULL, refused.get().status());
        assertEquals(1, fallback.queueFullCount());
        assertEquals(Status.ACCEPTED, inFlight.get(10, TimeUnit.SECONDS).status());
        assertEquals(Status.DUPLICATE, queued.get(10, TimeUnit.SECONDS).status());
    }

    @Test
    void shouldTakeABurstOf100BlocksWhileDashdIsSlowByDefault() throws Exception
    {
        // The fault matrix's shuffled burst: 100 blocks at once. The old bound of 16 refused some.
        fallback = fallback(RpcFallback.DEFAULT_QUEUE_CAPACITY);
        dashd.delayMs(200);
        final List<CompletableFuture<SubmitBlockResult>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++)
        {
            results.add(fallback.submit(RpcVectors.block()));
        }
        assertEquals(0, fallback.queueFullCount());
        for (final CompletableFuture<SubmitBlockResult> result : results)
        {
            assertNotEquals(Status.QUEUE_FULL, result.getNow(SubmitBlockResult.notSubmitted(Status.CLOSED, "open")).status());
        }
    }

    @Test
    void shouldBoundTheBytesWaitingAndSayWhichBoundWasHit() throws Exception
    {
        final int length = RpcVectors.block().length;
        fallback = new RpcFallback(new DashdRpcClient(new DashdRpcClient.Context().port(dashd.port()).user(USER)
            .password(PASSWORD).requestTimeoutMs(5_000)), 100, 2L * length + length / 2);
        dashd.delayMs(1_000);
        final CompletableFuture<SubmitBlockResult> inFlight = fallback.submit(RpcVectors.block());
        assertTrue(dashd.awaitSubmissions(1, 5_000));
        final CompletableFuture<SubmitBlockResult> first = fallback.submit(RpcVectors.block());
        final CompletableFuture<SubmitBlockResult> second = fallback.submit(RpcVectors.block());
        final CompletableFuture<SubmitBlockResult> refused = fallback.submit(RpcVectors.block());
        assertTrue(refused.isDone());
        assertEquals(Status.QUEUE_FULL, refused.get().status());
        assertTrue(refused.get().reason().contains(2L * length + " bytes waiting"), refused.get().reason());
        assertFalse(first.isDone() && first.get().status() == Status.QUEUE_FULL);
        assertFalse(second.isDone() && second.get().status() == Status.QUEUE_FULL);
        assertEquals(Status.ACCEPTED, inFlight.get(10, TimeUnit.SECONDS).status());
    }

    @Test
    void shouldCompleteEveryFutureAtClose() throws Exception
    {
        fallback = fallback(4);
        dashd.delayMs(3_000);
        final CompletableFuture<SubmitBlockResult> inFlight = fallback.submit(RpcVectors.block());
        assertTrue(dashd.awaitSubmissions(1, 5_000));
        final CompletableFuture<SubmitBlockResult> second = fallback.submit(RpcVectors.block());
        final CompletableFuture<SubmitBlockResult> third = fallback.submit(RpcVectors.block());
        fallback.close(100);
        assertTrue(inFlight.isDone());
        assertEquals(Status.CLOSED, second.get().status());
        assertEquals(Status.CLOSED, third.get().status());
        assertEquals(Status.CLOSED, fallback.submit(RpcVectors.block()).get().status());
        assertEquals(1, dashd.submissions().size());
    }
}
