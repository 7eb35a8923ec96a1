package io.dashcast.tools.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway answers to a request, apart from HTTP itself: POST only, HTTP Basic
 * authentication and the body bound checked on the head, before any body is read (a failed login
 * is logged and answered only after a delay, on a timer, without holding a thread), then
 * {@link GatewayCalls} with the body.
 */
final class GatewayHandler
{
    static final String HTML = "text/html; charset=ISO-8859-1";

    private final RpcGateway.Context ctx;
    private final byte[] expectedCredentials;
    private final GatewayCalls calls;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong failedLogins = new AtomicLong();
    private final byte[] dryRunToken;
    private volatile long lastRequestNs = System.nanoTime();

    GatewayHandler(
        final RpcGateway.Context ctx, final String credentials, final GatewayCalls calls, final ScheduledExecutorService scheduler,
        final String dryRunToken)
    {
        this.ctx = ctx;
        this.expectedCredentials = credentials.getBytes(StandardCharsets.UTF_8);
        this.calls = calls;
        this.scheduler = scheduler;
        this.dryRunToken = dryRunToken.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @return {@link System#nanoTime()} when the last request other than a warm-up arrived (or start).
     */
    long lastRequestNs()
    {
        return lastRequestNs;
    }

    long failedLogins()
    {
        return failedLogins.get();
    }

    /**
     * Decide on a request's head alone.
     *
     * @param head   the parsed head, not refused by the parser.
     * @param remote the client's address, for the log.
     * @return the answer when the request is refused before its body (the connection then closes),
     * or null to read the body and call {@link #answer}.
     */
    CompletableFuture<GatewayCalls.HttpAnswer> beforeBody(final RequestHead head, final String remote)
    {
        if (!"POST".equals(head.method()))
        {
            return CompletableFuture.completedFuture(
                new GatewayCalls.HttpAnswer(405, HTML, "JSONRPC server handles only POST requests".getBytes(StandardCharsets.US_ASCII)));
        }
        if (!authorized(head.authorization()))
        {
            final long count = failedLogins.incrementAndGet();
            ctx.log().accept("dashcast: rpc: failed login from " + remote + " (" + count + " so far); answered after " +
                ctx.failedLoginDelayMs() + " ms");
            // Slowed as dashd slows it (it sleeps 250 ms), but on a timer: no thread is held.
            final CompletableFuture<GatewayCalls.HttpAnswer> late = new CompletableFuture<>();
            scheduler.schedule(() -> late.complete(new GatewayCalls.HttpAnswer(401, HTML, new byte[0])),
                ctx.failedLoginDelayMs(), TimeUnit.MILLISECONDS);
            return late;
        }
        if (head.contentLength() > ctx.maxBodyBytes())
        {
            return CompletableFuture.completedFuture(new GatewayCalls.HttpAnswer(413, HTML, new byte[0]));
        }
        return null;
    }

    /**
     * @param head     the head {@link #beforeBody} let through.
     * @param body     the array holding the whole body, lent for this call only.
     * @param length   the body's bytes, from offset 0.
     * @param prefetch the block hex decoded as the body arrived, or null.
     * @return the answer.
     */
    CompletableFuture<GatewayCalls.HttpAnswer> answer(
        final RequestHead head, final byte[] body, final int length, final HexPrefetch prefetch)
    {
        // The gateway's own warm-up requests carry a secret made at start: their blocks are dry runs.
        final String token = head.dryRunToken();
        final boolean dryRun = token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), dryRunToken);
        if (!dryRun)
        {
            lastRequestNs = System.nanoTime();
        }
        return calls.answer(head.path(), body, length, prefetch, dryRun);
    }

    private boolean authorized(final String header)
    {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6))
        {
            return false;
        }
        final byte[] presented;
        try
        {
            presented = Base64.getDecoder().decode(header.substring(6).trim());
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        return MessageDigest.isEqual(presented, expectedCredentials);
    }
}
