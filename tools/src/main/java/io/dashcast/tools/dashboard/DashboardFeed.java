package io.dashcast.tools.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.agrona.ErrorHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's live feed: one thread rebuilds the state a few times a second and, only when it
 * changed, publishes it; each open page holds one server-sent-events stream that waits for a new
 * version and receives it as one {@code state} event (plus a {@code time} heartbeat), so viewers
 * never poll and the cost does not grow with them beyond one write each.
 */
public final class DashboardFeed implements AutoCloseable
{
    /** Streams open at once; more get 503. */
    public static final int MAX_STREAMS = 8;
    private static final long HEARTBEAT_MS = 5_000;

    private final DashboardState state;
    private final ErrorHandler errorHandler;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledExecutorService ticker;
    private final AtomicInteger streams = new AtomicInteger();
    private final Object lock = new Object();
    private String json = "{}";
    private long version;
    private volatile boolean closed;

    /**
     * @param state        what to publish.
     * @param periodMs     rebuild period.
     * @param errorHandler told of failures.
     */
    public DashboardFeed(final DashboardState state, final long periodMs, final ErrorHandler errorHandler)
    {
        this.state = state;
        this.errorHandler = errorHandler;
        ticker = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "dashcast-dashboard-feed");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void tick()
    {
        try
        {
            final String next = mapper.writeValueAsString(state.build());
            synchronized (lock)
            {
                if (!next.equals(json))
                {
                    json = next;
                    version++;
                    lock.notifyAll();
                }
            }
        }
        catch (final JsonProcessingException | RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    /**
     * @return the latest state as JSON.
     */
    public String stateJson()
    {
        synchronized (lock)
        {
            return json;
        }
    }

    /**
     * Serve one event stream until the page goes away or the feed closes (holds the calling thread).
     *
     * @param exchange the {@code GET /events} request, authorized.
     * @throws IOException when the response cannot start.
     */
    public void stream(final HttpExchange exchange) throws IOException
    {
        if (streams.incrementAndGet() > MAX_STREAMS)
        {
            streams.decrementAndGet();
            final byte[] body = "too many dashboard streams\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        try
        {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            pump(exchange.getResponseBody());
        }
        catch (final IOException ex)
        {
            // the page went away
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            streams.decrementAndGet();
        }
    }

    private void pump(final OutputStream out) throws IOException, InterruptedException
    {
        long sent = -1;
        while (!closed)
        {
            final String data;
            synchronized (lock)
            {
                if (version == sent)
                {
                    lock.wait(HEARTBEAT_MS);
                }
                data = version == sent ? null : json;
                sent = version;
            }
            final String event = data == null ?
                "event: time\ndata: " + System.currentTimeMillis() + "\n\n" :
                "event: state\ndata: " + data + "\n\n";
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /**
     * Stop the ticker and end every stream.
     */
    @Override
    public void close()
    {
        closed = true;
        ticker.shutdownNow();
        synchronized (lock)
        {
            lock.notifyAll();
        }
    }
}
