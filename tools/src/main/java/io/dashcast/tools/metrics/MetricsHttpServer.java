package io.dashcast.tools.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dashcast.tools.dashboard.DashboardFeed;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import org.agrona.ErrorHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The daemon's monitoring port (its own, loopback by default): {@code GET /metrics} (Prometheus
 * text format, optional Basic auth), {@code GET /health} (200 or 503 with the reason, no auth, for
 * systemd and Kubernetes probes), and the dashboard ({@code /}, its static files from the jar,
 * {@code /api/state}, and {@code /events}, server-sent events), which needs the RPC endpoint's
 * credentials. {@code GET /api/peers} lists the live peers and {@code POST /api/peers?action=add|remove|pin|unpin&peer=HOST:PORT}
 * changes them ({@code dashcast peers add ...}): loopback callers only, with the dashboard's credentials.
 * Runs on its own small thread pool, never near a broadcast loop.
 */
public final class MetricsHttpServer implements AutoCloseable
{
    private static final String RESOURCES = "/io/dashcast/tools/dashboard/";
    private static final Map<String, String> STATIC = Map.of(
        "/", "index.html", "/index.html", "index.html", "/dashboard.js", "dashboard.js", "/dashboard.css", "dashboard.css");

    private final HttpServer server;
    private final ExecutorService executor;
    private final MultiCollector collector;
    private final HealthCheck health;
    private final DashboardFeed feed;
    private final BasicAuth metricsAuth;
    private final BasicAuth dashboardAuth;
    private final ErrorHandler errorHandler;
    private volatile io.dashcast.tools.peers.PeerAdmin peerAdmin;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private MetricsHttpServer(
        final InetAddress bind, final int port, final MultiCollector collector, final HealthCheck health,
        final DashboardFeed feed, final Supplier<String> metricsCredentials, final Supplier<String> dashboardCredentials,
        final ErrorHandler errorHandler) throws IOException
    {
        this.collector = collector;
        this.health = health;
        this.feed = feed;
        this.metricsAuth = metricsCredentials == null ? null : new BasicAuth(metricsCredentials);
        this.dashboardAuth = new BasicAuth(dashboardCredentials);
        this.errorHandler = errorHandler;
        // Bounded: a few scrapers, probes and dashboard viewers (each event stream holds a thread).
        executor = new ThreadPoolExecutor(2, 24, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r ->
        {
            final Thread t = new Thread(r, "dashcast-metrics-http");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        server = HttpServer.create(new InetSocketAddress(bind, port), 32);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Open the port and serve.
     *
     * @param bind                 address (loopback by default).
     * @param port                 port, 0 for any.
     * @param collector            the metrics.
     * @param health               the health rule.
     * @param feed                 the dashboard's data.
     * @param metricsCredentials   {@code user:password} for /metrics, or null for none.
     * @param dashboardCredentials {@code user:password} for the dashboard (the RPC endpoint's).
     * @param errorHandler         told of failures.
     * @return the running server.
     */
    public static MetricsHttpServer start(
        final InetAddress bind, final int port, final MultiCollector collector, final HealthCheck health,
        final DashboardFeed feed, final Supplier<String> metricsCredentials, final Supplier<String> dashboardCredentials,
        final ErrorHandler errorHandler)
    {
        try
        {
            return new MetricsHttpServer(bind, port, collector, health, feed, metricsCredentials, dashboardCredentials,
                errorHandler);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("metrics endpoint on " + bind.getHostAddress() + ":" + port, ex);
        }
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /**
     * @param admin the running peer set's admin side, or null to answer 404 on {@code /api/peers}.
     */
    public void peerAdmin(final io.dashcast.tools.peers.PeerAdmin admin)
    {
        this.peerAdmin = admin;
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String path = exchange.getRequestURI().getPath();
            if ("/api/peers".equals(path))
            {
                onPeers(exchange);
            }
            else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod()))
            {
                send(exchange, 405, "text/plain", "GET only\n");
            }
            else if ("/health".equals(path))
            {
                onHealth(exchange);
            }
            else if ("/metrics".equals(path))
            {
                if (authorized(exchange, metricsAuth, "metrics"))
                {
                    onMetrics(exchange);
                }
            }
            else if (STATIC.containsKey(path) || "/api/state".equals(path) || "/events".equals(path))
            {
                if (authorized(exchange, dashboardAuth, "dashcast"))
                {
                    onDashboard(exchange, path);
                }
            }
            else
            {
                send(exchange, 404, "text/plain", "not found\n");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private boolean authorized(final HttpExchange exchange, final BasicAuth auth, final String realm) throws IOException
    {
        if (auth == null || auth.accepts(exchange.getRequestHeaders().getFirst("Authorization")))
        {
            return true;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        send(exchange, 401, "text/plain", "credentials required\n");
        return false;
    }

    private void onPeers(final HttpExchange exchange) throws IOException
    {
        final io.dashcast.tools.peers.PeerAdmin admin = peerAdmin;
        if (admin == null)
        {
            send(exchange, 404, "text/plain", "no peer admin\n");
            return;
        }
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress())
        {
            send(exchange, 403, "text/plain", "peer admin from loopback only\n");
            return;
        }
        if (!authorized(exchange, dashboardAuth, "dashcast"))
        {
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()))
        {
            send(exchange, 200, "text/plain", admin.list());
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()))
        {
            send(exchange, 405, "text/plain", "GET or POST\n");
            return;
        }
        final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        final String action = query.getOrDefault("action", "");
        final String peer = query.getOrDefault("peer", "");
        final int colon = peer.lastIndexOf(':');
        final int port;
        try
        {
            port = colon > 0 ? Integer.parseInt(peer.substring(colon + 1)) : -1;
        }
        catch (final NumberFormatException ex)
        {
            send(exchange, 400, "text/plain", "peer must be HOST:PORT, got '" + peer + "'\n");
            return;
        }
        if (port <= 0 || port > 65535)
        {
            send(exchange, 400, "text/plain", "peer must be HOST:PORT, got '" + peer + "'\n");
            return;
        }
        final String host = peer.substring(0, colon).replace("[", "").replace("]", "");
        try
        {
            final io.dashcast.engine.PeerChange change = admin.apply(action, host, port);
            send(exchange, change.accepted() ? 200 : 409, "text/plain", change.name().toLowerCase() + "\n");
        }
        catch (final IllegalArgumentException ex)
        {
            send(exchange, 400, "text/plain", ex.getMessage() + "\n");
        }
    }

    private static Map<String, String> query(final String raw)
    {
        final Map<String, String> out = new java.util.HashMap<>();
        if (raw == null)
        {
            return out;
        }
        for (final String pair : raw.split("&"))
        {
            final int eq = pair.indexOf('=');
            if (eq > 0)
            {
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void onHealth(final HttpExchange exchange) throws IOException
    {
        final HealthCheck.Result r = health.check();
        final String body = "{\"status\":\"" + (r.healthy() ? "ok" : "unhealthy") + "\",\"ready_peers\":" + r.ready() +
            ",\"min_peers\":" + r.minPeers() + ",\"dashd\":" + r.dashdUp() + ",\"reason\":\"" +
            r.reason().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n";
        send(exchange, r.healthy() ? 200 : 503, "application/json", body);
    }

    private void onMetrics(final HttpExchange exchange) throws IOException
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, collector.collect());
        exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody())
        {
            body.writeTo(out);
        }
    }

    private void onDashboard(final HttpExchange exchange, final String path) throws IOException
    {
        if ("/events".equals(path))
        {
            feed.stream(exchange);
            return;
        }
        if ("/api/state".equals(path))
        {
            send(exchange, 200, "application/json", feed.stateJson());
            return;
        }
        final String name = STATIC.get(path);
        try (InputStream in = MetricsHttpServer.class.getResourceAsStream(RESOURCES + name))
        {
            if (in == null)
            {
                send(exchange, 404, "text/plain", "missing resource " + name + "\n");
                return;
            }
            final byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType(name));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String contentType(final String name)
    {
        return name.endsWith(".html") ? "text/html; charset=utf-8" :
            name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    }

    static void send(final HttpExchange exchange, final int status, final String type, final String body)
        throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Stop serving; open event streams end.
     */
    @Override
    public void close()
    {
        feed.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
