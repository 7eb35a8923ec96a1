package io.dashcast.engine.dashd;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The HTTP/1.1 clients every {@link DashdRpcClient} shares, one per connect timeout (Jetty sets
 * that per client, not per request): started on first use, on daemon threads, and kept for the life
 * of the process, as the JDK keeps its own HTTP machinery, so a {@code DashdRpcClient} needs no
 * closing. Connections to a dashd are pooled and kept alive for {@link #IDLE_TIMEOUT_MS} idle.
 * <p>
 * Set up as a raw pass-through: no redirects, no automatic authentication or 100-continue
 * handling, no content decoding and no User-Agent of its own, so what dashd answers (a 401
 * included) reaches the caller unchanged.
 */
final class DashdHttp
{
    /**
     * An idle keep-alive connection is closed after this. dashd closes its own after 30 s
     * ({@code rpcservertimeout}), but a stopping dashd waits for idle RPC connections before it
     * exits, and one killed sooner lost its chain (found with real nodes): 2 s keeps a burst of
     * calls on one connection and lets dashd stop at once.
     */
    static final long IDLE_TIMEOUT_MS = 2_000;
    /** Calls in flight to one dashd, long-polling {@code getblocktemplate} included. */
    static final int MAX_CONNECTIONS_PER_DASHD = 256;

    private static final ConcurrentMap<Long, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private DashdHttp()
    {
    }

    /**
     * @param connectTimeoutMs connect timeout of the client.
     * @return the started shared client for that timeout.
     */
    static HttpClient client(final long connectTimeoutMs)
    {
        return CLIENTS.computeIfAbsent(connectTimeoutMs, DashdHttp::start);
    }

    private static HttpClient start(final long connectTimeoutMs)
    {
        final QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("dashcast-dashd-rpc");
        threads.setDaemon(true);
        final HttpClient client = new HttpClient();
        client.setName("dashcast-dashd-rpc");
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("dashcast-dashd-rpc-timer", true));
        client.setConnectTimeout(connectTimeoutMs);
        client.setIdleTimeout(IDLE_TIMEOUT_MS);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_DASHD);
        client.getProtocolHandlers().clear();
        client.getContentDecoderFactories().clear();
        try
        {
            client.start();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot start the HTTP client for dashd RPC: " + ex.getMessage(), ex);
        }
        return client;
    }
}
