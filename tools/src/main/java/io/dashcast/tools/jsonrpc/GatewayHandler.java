package io.dashcast.tools.jsonrpc;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's one Jetty handler: POST only, Basic authentication before the body is read (a
 * failed login is logged and answered only after a delay, without holding a thread), the body
 * read without blocking within a bound, then {@link GatewayCalls}. While dashd works on a call the
 * connection has no idle timeout of ours (a long-polling {@code getblocktemplate} waits as long as
 * dashd makes it); every answer has a Content-Length and keeps the connection alive.
 */
final class GatewayHandler extends Handler.Abstract
{
    private static final String HTML = "text/html; charset=ISO-8859-1";

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
        super(InvocationType.NON_BLOCKING);
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

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback)
    {
        if (!"POST".equals(request.getMethod()))
        {
            send(response, callback, 405, HTML, "JSONRPC server handles only POST requests".getBytes(StandardCharsets.US_ASCII));
            return true;
        }
        if (!authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION)))
        {
            onFailedLogin(request, response, callback);
            return true;
        }
        // The gateway's own warm-up requests carry a secret made at start: their blocks are dry runs.
        final String token = request.getHeaders().get(GatewayWarmer.DRY_RUN_HEADER);
        final boolean dryRun = token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), dryRunToken);
        if (!dryRun)
        {
            lastRequestNs = System.nanoTime();
        }
        final long declared = request.getLength();
        if (declared > ctx.maxBodyBytes())
        {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            send(response, callback, 413, HTML, new byte[0]);
            return true;
        }
        // A declared length (every pool's client sends one) is read straight into an array of that size.
        final DeclaredLengthBody reader = declared >= 0 ?
            DeclaredLengthBody.read(request, (int)declared, request.getComponents().getThreadPool()) : null;
        final CompletableFuture<byte[]> read = reader != null ? reader.done() :
            Content.Source.asByteArrayAsync(request, ctx.maxBodyBytes());
        read
            .orTimeout(ctx.requestReadTimeoutMs(), TimeUnit.MILLISECONDS)
            .whenComplete((body, ex) ->
            {
                if (ex != null)
                {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    final boolean late = ex instanceof TimeoutException || ex.getCause() instanceof TimeoutException;
                    send(response, callback, late ? 408 : 413, HTML, new byte[0]);
                    return;
                }
                answer(request, response, callback, body, reader != null ? reader.hex() : null, dryRun);
            });
        return true;
    }

    private void answer(
        final Request request, final Response response, final Callback callback, final byte[] body,
        final HexPrefetch prefetch, final boolean dryRun)
    {
        final EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        final long idleTimeoutMs = endPoint.getIdleTimeout();
        // No timeout of ours while dashd works on the call; the connection's own comes back after.
        endPoint.setIdleTimeout(0);
        final CompletableFuture<GatewayCalls.HttpAnswer> answer;
        try
        {
            answer = calls.answer(request.getHttpURI().getPath(), body, prefetch, dryRun);
        }
        catch (final RuntimeException ex)
        {
            endPoint.setIdleTimeout(idleTimeoutMs);
            ctx.errorHandler().onError(ex);
            send(response, callback, 500, HTML, new byte[0]);
            return;
        }
        answer.whenComplete((a, ex) ->
        {
            endPoint.setIdleTimeout(idleTimeoutMs);
            if (ex != null)
            {
                ctx.errorHandler().onError(ex);
                send(response, callback, 500, HTML, new byte[0]);
                return;
            }
            send(response, callback, a.status(), a.contentType(), a.body());
        });
    }

    private void onFailedLogin(final Request request, final Response response, final Callback callback)
    {
        final long count = failedLogins.incrementAndGet();
        ctx.log().accept("dashcast: rpc: failed login from " + Request.getRemoteAddr(request) + " (" + count +
            " so far); answered after " + ctx.failedLoginDelayMs() + " ms");
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"jsonrpc\"");
        // Slowed as dashd slows it (it sleeps 250 ms), but on a timer: no thread is held.
        scheduler.schedule(() -> send(response, callback, 401, HTML, new byte[0]), ctx.failedLoginDelayMs(), TimeUnit.MILLISECONDS);
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

    private static void send(
        final Response response, final Callback callback, final int status, final String contentType, final byte[] body)
    {
        response.setStatus(status);
        if (contentType != null)
        {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
