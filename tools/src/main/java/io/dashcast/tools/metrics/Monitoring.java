package io.dashcast.tools.metrics;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.status.EngineStatus;
import io.dashcast.tools.dashboard.DashboardFeed;
import io.dashcast.tools.dashboard.DashboardState;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Everything the daemon runs to be watched, started and stopped as one: the sampler (gauges,
 * heartbeat, interval histogram log), the chain follower, and the HTTP endpoint with /metrics,
 * /health and the dashboard.
 */
public final class Monitoring implements AutoCloseable
{
    private final StatusSampler sampler;
    private final ScheduledExecutorService chainPoller;
    private final ChainTracker chain;
    private final HealthCheck health;
    private final MetricsHttpServer server;

    private Monitoring(final Settings s)
    {
        final Broadcaster broadcaster = s.broadcaster;
        final Runnable refresh = broadcaster::updateStatusCounters;
        sampler = new StatusSampler(s.status, refresh, s.clock, 250, s.histogramLog, s.histogramLogIntervalMs,
            s.errorHandler);
        health = new HealthCheck(broadcaster::readyPeerCount, s.minPeers, s.dashd, s.clock, 2_000);
        if (s.dashd != null && s.chainPollMs > 0)
        {
            chain = new ChainTracker(s.status, s.dashd, s.errorHandler);
            chainPoller = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread t = new Thread(r, "dashcast-chain-tracker");
                t.setDaemon(true);
                return t;
            });
            chainPoller.scheduleWithFixedDelay(chain::poll, s.chainPollMs, s.chainPollMs, TimeUnit.MILLISECONDS);
        }
        else
        {
            chain = null;
            chainPoller = null;
        }
        if (s.port >= 0)
        {
            final DashboardState state = new DashboardState(s.status, refresh, health, chain == null ? null : chain::fate);
            final DashboardFeed feed = new DashboardFeed(state, 250, s.errorHandler);
            server = MetricsHttpServer.start(s.bind, s.port,
                new DashcastCollector(s.status, refresh, s.minPeers, health, s.clock), health, feed,
                s.metricsCredentials, s.dashboardCredentials, s.errorHandler);
        }
        else
        {
            server = null;
        }
    }

    /**
     * @param settings what to start.
     * @return the running monitoring.
     */
    public static Monitoring start(final Settings settings)
    {
        return new Monitoring(settings);
    }

    /**
     * @return the HTTP port, or -1 when closed.
     */
    public int port()
    {
        return server == null ? -1 : server.port();
    }

    /**
     * Serve {@code /api/peers} on the monitoring port from now on.
     *
     * @param admin the running peer set's admin side.
     */
    public void peerAdmin(final io.dashcast.tools.peers.PeerAdmin admin)
    {
        if (server != null)
        {
            server.peerAdmin(admin);
        }
    }

    /**
     * @return the health rule.
     */
    public HealthCheck health()
    {
        return health;
    }

    /**
     * @return the chain follower, or null.
     */
    public ChainTracker chain()
    {
        return chain;
    }

    @Override
    public void close()
    {
        if (server != null)
        {
            server.close();
        }
        if (chainPoller != null)
        {
            chainPoller.shutdownNow();
        }
        sampler.close();
    }

    /**
     * What {@link Monitoring} needs, filled by the daemon.
     */
    public static final class Settings
    {
        EngineStatus status;
        Broadcaster broadcaster;
        DashdRpcClient dashd;
        int minPeers;
        EpochClock clock;
        ErrorHandler errorHandler;
        InetAddress bind;
        int port = -1;
        Supplier<String> metricsCredentials;
        Supplier<String> dashboardCredentials;
        Path histogramLog;
        long histogramLogIntervalMs = 10_000;
        long chainPollMs;

        public Settings status(final EngineStatus status, final Broadcaster broadcaster)
        {
            this.status = status;
            this.broadcaster = broadcaster;
            return this;
        }

        public Settings dashd(final DashdRpcClient dashd, final int minPeers)
        {
            this.dashd = dashd;
            this.minPeers = minPeers;
            return this;
        }

        public Settings clock(final EpochClock clock, final ErrorHandler errorHandler)
        {
            this.clock = clock;
            this.errorHandler = errorHandler;
            return this;
        }

        public Settings http(final InetAddress bind, final int port, final Supplier<String> metricsCredentials,
            final Supplier<String> dashboardCredentials)
        {
            this.bind = bind;
            this.port = port;
            this.metricsCredentials = metricsCredentials;
            this.dashboardCredentials = dashboardCredentials;
            return this;
        }

        public Settings histogramLog(final Path file, final long intervalMs)
        {
            this.histogramLog = file;
            this.histogramLogIntervalMs = intervalMs;
            return this;
        }

        public Settings chainPollMs(final long ms)
        {
            this.chainPollMs = ms;
            return this;
        }
    }
}
