package io.dashcast.tools;

import io.dashcast.engine.IdleMode;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.tools.config.BroadcastPeersLoader;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dashcast run}: the daemon. The seed's flags map one to one; everything else has a default
 * that keeps every listener on loopback and every endpoint behind credentials.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the daemon: keep peers connected and broadcast every block submitted by JSON-RPC, "
        + "the shared-memory queue or the in-process API.")
public final class RunCommand implements Callable<Integer>
{
    @Option(names = {"--config", "--broadcast-peers-config"}, paramLabel = "FILE",
        description = "Peers file (seed format, JSON or YAML). Without it: the local dashd only.")
    Path config;

    @Option(names = "--broadcast-peers", arity = "1", defaultValue = "true", paramLabel = "true|false",
        description = "false = the old behaviour: the local dashd only (default ${DEFAULT-VALUE}).")
    boolean broadcastPeers;

    @Option(names = "--broadcast-max-peers", defaultValue = "-1", paramLabel = "N", description = "Override max_peers.")
    int maxPeers;

    @Option(names = "--broadcast-min-peers", defaultValue = "-1", paramLabel = "N", description = "Override min_peers.")
    int minPeers;

    @Option(names = "--broadcast-no-fallback", description = "Do not also submit each block to the local dashd by RPC.")
    boolean noFallback;

    @Option(names = "--network", defaultValue = "main", description = "main, test, regtest or devnet (default ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--dashd-rpc", paramLabel = "HOST:PORT", description = "Local dashd RPC (default 127.0.0.1 and the network's RPC port).")
    String dashdRpc;

    @Option(names = "--dashd-rpc-user", description = "dashd rpcuser.")
    String dashdUser;

    @Option(names = "--dashd-rpc-password", description = "dashd rpcpassword (visible in ps: prefer the -file or -env form).")
    String dashdPassword;

    @Option(names = "--dashd-rpc-password-file", paramLabel = "FILE", description = "Read the dashd rpcpassword from FILE (first line).")
    Path dashdPasswordFile;

    @Option(names = "--dashd-rpc-password-env", paramLabel = "VAR", description = "Read the dashd rpcpassword from environment variable VAR.")
    String dashdPasswordEnv;

    @Option(names = "--dashd-rpc-cookie", paramLabel = "FILE", description = "dashd's .cookie file instead of user/password.")
    Path dashdCookie;

    @Option(names = "--rpc-bind", defaultValue = "127.0.0.1", description = "Address of dashcast's own submitblock endpoint (default ${DEFAULT-VALUE}).")
    String rpcBind;

    @Option(names = "--rpc-port", defaultValue = "9997", description = "Port of dashcast's submitblock endpoint; 0 picks one (default ${DEFAULT-VALUE}).")
    int rpcPort;

    @Option(names = "--rpc-user", description = "User for dashcast's endpoint (else a cookie file is written).")
    String rpcUser;

    @Option(names = "--rpc-password", description = "Password for dashcast's endpoint (visible in ps: prefer the -file or -env form).")
    String rpcPassword;

    @Option(names = "--rpc-password-file", paramLabel = "FILE", description = "Read the endpoint's password from FILE (first line).")
    Path rpcPasswordFile;

    @Option(names = "--rpc-password-env", paramLabel = "VAR", description = "Read the endpoint's password from environment variable VAR.")
    String rpcPasswordEnv;

    @Option(names = "--rpc-cookie", paramLabel = "FILE", description = "Where to write the endpoint's cookie (default ~/.dashcast/.cookie).")
    Path rpcCookie;

    @Option(names = "--no-rpc", description = "Do not open the JSON-RPC endpoint.")
    boolean noRpc;

    @Option(names = "--shm", paramLabel = "FILE", description = "Shared-memory queue file (default /dev/shm/dashcast-blocks.ring).")
    Path shm;

    @Option(names = "--no-shm", description = "Do not open the shared-memory queue.")
    boolean noShm;

    @Option(names = "--uplink-mbps", defaultValue = "0",
        description = "Uplink budget; with it, compact blocks go to compact-capable peers when they save time (0 = unlimited).")
    int uplinkMbps;

    @Option(names = "--socks-proxy", paramLabel = "HOST:PORT",
        description = "Reach every peer through this SOCKS5 proxy, e.g. Tor's 127.0.0.1:9050 (the proxy resolves names; .onion peers need it).")
    String socksProxy;

    @Option(names = "--upload-cap-mbps", defaultValue = "0", paramLabel = "MBIT",
        description = "Most Mbit/s written to all peers together; pacing and the send policy plan with it (0 = none).")
    double uploadCapMbps;

    @Option(names = "--peer-upload-cap-mbps", defaultValue = "0", paramLabel = "MBIT",
        description = "Most Mbit/s written to any one peer (0 = none).")
    double peerUploadCapMbps;

    @Option(names = "--loops", defaultValue = "0", description = "Broadcast loops (threads); 0 = one per core; at most 4 per core.")
    int loops;

    @Option(names = "--idle", defaultValue = "BLOCKING_SELECT", description = "BUSY_SPIN, YIELD, BACKOFF or BLOCKING_SELECT (default ${DEFAULT-VALUE}).")
    IdleMode idle;

    @Option(names = "--metrics-port", defaultValue = "9996",
        description = "Port of /metrics, /health and the dashboard; 0 picks one (default ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-bind", defaultValue = "127.0.0.1", description = "Address of that port (default ${DEFAULT-VALUE}).")
    String metricsBind;

    @Option(names = "--no-metrics", description = "Do not open /metrics, /health and the dashboard.")
    boolean noMetrics;

    @Option(names = "--metrics-user", description = "Basic auth user for /metrics (default: none; the dashboard uses the RPC credentials).")
    String metricsUser;

    @Option(names = "--metrics-password", description = "Basic auth password for /metrics.")
    String metricsPassword;

    @Option(names = "--counters-file", paramLabel = "FILE",
        description = "Counters file `dashcast stat` reads (default /dev/shm/dashcast-counters.dat).")
    Path countersFile;

    @Option(names = "--histogram-log", paramLabel = "FILE|none",
        description = "HdrHistogram interval log of fan-out latencies (default ~/.dashcast/histograms.hlog).")
    String histogramLog;

    @Option(names = "--histogram-log-interval-s", defaultValue = "10", description = "Interval of that log (default ${DEFAULT-VALUE}).")
    int histogramLogIntervalS;

    @Option(names = "--peer-store", paramLabel = "FILE|none",
        description = "Where the peers we know and what we measured of them are kept across restarts " +
            "(default ~/.dashcast/peers.yaml; 'none' keeps nothing). 'dashcast peers' lists it.")
    String peerStore;

    @Option(names = "--discover",
        description = "Find peers beyond the configured ones (the local dashd's peers, address manager and " +
            "masternode list; the network's DNS seeds) and fill up to max_peers with the best measured.")
    boolean discover;

    @Option(names = "--chain-poll-ms", defaultValue = "5000",
        description = "How often our blocks' fate (landed, orphaned, chainlocked) is asked of the local dashd; 0 = never.")
    long chainPollMs;

    @Override
    public Integer call() throws Exception
    {
        final DaemonContext ctx = context();
        final Daemon daemon = startDaemon(ctx);
        ctx.out().println("dashcast: running on " + ctx.network().cliName() + " with " + daemon.endpoints().size() +
            " peers" + (daemon.rpcPort() > 0 ? ", submitblock on " + rpcBind + ":" + daemon.rpcPort() : "") +
            (daemon.rpcCookieFile() != null ? " (cookie " + daemon.rpcCookieFile() + ")" : "") +
            (daemon.sharedMemoryPath() != null ? ", queue " + daemon.sharedMemoryPath() : "") +
            (daemon.metricsPort() > 0 ? ", metrics and dashboard on http://" + metricsBind + ":" + daemon.metricsPort() + "/" : "") +
            (daemon.status().file() != null ? ", counters " + daemon.status().file() : "") + "; Ctrl-C stops");
        final CountDownLatch stopped = new CountDownLatch(1);
        if (config != null)
        {
            reloadOnHangUp(daemon, ctx);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            daemon.close();
            stopped.countDown();
        }, "dashcast-shutdown"));
        stopped.await();
        return DashcastMain.EXIT_OK;
    }

    /**
     * SIGHUP re-reads the peers file and applies the difference to the running set (peers in both
     * keep their connection). The JVM exposes HUP through {@code sun.misc.Signal} (module
     * jdk.unsupported); where it cannot be handled (another platform, -Xrs), `dashcast peers
     * add|remove|pin` does the same one peer at a time.
     */
    private void reloadOnHangUp(final io.dashcast.tools.daemon.Daemon daemon, final DaemonContext ctx)
    {
        try
        {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal ->
            {
                try
                {
                    ctx.out().println("dashcast: SIGHUP: " + daemon.reloadPeers(BroadcastPeersLoader.load(config)));
                }
                catch (final RuntimeException ex)
                {
                    ctx.err().println("dashcast: SIGHUP: " + config + " not applied, the running set is unchanged: " +
                        ex.getMessage());
                }
            });
        }
        catch (final IllegalArgumentException ex)
        {
            ctx.err().println("dashcast: SIGHUP cannot be handled here (" + ex.getMessage() +
                "): use `dashcast peers add|remove|pin` to change the running set");
        }
    }

    /**
     * A password from exactly one of: the option, a file (its first line), an environment variable.
     */
    static String secret(final String flag, final String value, final Path file, final String env)
    {
        final int given = (value != null ? 1 : 0) + (file != null ? 1 : 0) + (env != null ? 1 : 0);
        if (given > 1)
        {
            throw new BadInputException("give only one of " + flag + ", " + flag + "-file and " + flag + "-env");
        }
        if (file != null)
        {
            try
            {
                final String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
                final String line = text.lines().findFirst().orElse("").trim();
                if (line.isEmpty())
                {
                    throw new BadInputException(flag + "-file " + file + " is empty");
                }
                return line;
            }
            catch (final java.io.IOException ex)
            {
                throw new BadInputException("cannot read " + flag + "-file " + file + ": " + ex.getMessage());
            }
        }
        if (env != null)
        {
            final String fromEnv = System.getenv(env);
            if (fromEnv == null || fromEnv.isEmpty())
            {
                throw new BadInputException(flag + "-env: environment variable " + env + " is not set");
            }
            return fromEnv;
        }
        return value;
    }

    DaemonContext context()
    {
        dashdPassword = secret("--dashd-rpc-password", dashdPassword, dashdPasswordFile, dashdPasswordEnv);
        rpcPassword = secret("--rpc-password", rpcPassword, rpcPasswordFile, rpcPasswordEnv);
        final Network net = Networks.parse(network);
        final DashdRpcClient.Context dashd = new DashdRpcClient.Context().port(defaultRpcPort(net));
        if (dashdRpc != null)
        {
            final io.dashcast.engine.PeerEndpoint endpoint = HostPort.parse(dashdRpc, io.dashcast.engine.PeerPriority.CRITICAL);
            dashd.host(endpoint.host()).port(endpoint.port());
        }
        if (dashdCookie != null)
        {
            dashd.cookieFile(dashdCookie);
        }
        else if (dashdUser != null || dashdPassword != null)
        {
            if (dashdUser == null || dashdPassword == null)
            {
                throw new BadInputException("give both --dashd-rpc-user and --dashd-rpc-password, or --dashd-rpc-cookie");
            }
            dashd.user(dashdUser).password(dashdPassword);
        }
        else if (!noFallback)
        {
            throw new BadInputException("the local dashd RPC fallback needs --dashd-rpc-user/--dashd-rpc-password or " +
                "--dashd-rpc-cookie (or --broadcast-no-fallback)");
        }
        else
        {
            dashd.user("unused").password("unused");
        }
        final InetAddress bind;
        try
        {
            bind = InetAddress.getByName(rpcBind);
        }
        catch (final UnknownHostException ex)
        {
            throw new BadInputException("--rpc-bind '" + rpcBind + "' is not an address");
        }
        return new DaemonContext()
            .network(net)
            .peers(config == null ? null : BroadcastPeersLoader.load(config))
            .broadcastPeers(broadcastPeers)
            .maxPeers(maxPeers)
            .minPeers(minPeers)
            .fallback(!noFallback)
            .dashd(dashd)
            .rpcServer(!noRpc)
            .rpcBindAddress(bind)
            .rpcPort(rpcPort)
            .rpcUser(rpcUser)
            .rpcPassword(rpcPassword)
            .rpcCookieFile(rpcCookie)
            .sharedMemory(!noShm)
            .sharedMemoryPath(shm)
            .loops(loops)
            .uplinkMbps(uplinkMbps)
            .socksProxy(socksProxy == null ? null : proxyAddress(socksProxy))
            .uploadCapBytesPerSecond(bytesPerSecond(uploadCapMbps, "--upload-cap-mbps"))
            .peerUploadCapBytesPerSecond(bytesPerSecond(peerUploadCapMbps, "--peer-upload-cap-mbps"))
            .idleMode(idle)
            .metricsPort(noMetrics ? -1 : metricsPort)
            .metricsBindAddress(address(metricsBind, "--metrics-bind"))
            .metricsUser(metricsUser)
            .metricsPassword(metricsPassword)
            .countersFile(countersFile != null ? countersFile : io.dashcast.engine.status.CountersFileDescriptor.defaultPath())
            .histogramLog("none".equals(histogramLog) ? null : histogramLog != null ? Path.of(histogramLog) :
                Path.of(System.getProperty("user.home"), ".dashcast", "histograms.hlog"))
            .histogramLogIntervalMs(histogramLogIntervalS * 1000L)
            .chainPollMs(chainPollMs)
            .peerStore("none".equals(peerStore) ? null : peerStore != null ? Path.of(peerStore) : PeersCommand.defaultStore())
            .discover(discover);
    }

    private static long bytesPerSecond(final double mbps, final String option)
    {
        if (!(mbps >= 0) || (mbps > 0 && mbps * 125_000 < 8 * 1024) || mbps > 1_000_000)
        {
            throw new BadInputException(option + " " + mbps + " must be 0 (none) or 0.066..1000000 Mbit/s");
        }
        return (long)(mbps * 125_000);
    }

    private static InetSocketAddress proxyAddress(final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        try
        {
            final int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (colon < 1 || port < 1 || port > 65535)
            {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(address(hostPort.substring(0, colon).replace("[", "").replace("]", ""),
                "--socks-proxy"), port);
        }
        catch (final NumberFormatException ex)
        {
            throw new BadInputException("--socks-proxy '" + hostPort + "' is not HOST:PORT, e.g. Tor's 127.0.0.1:9050");
        }
    }

    private static InetAddress address(final String host, final String option)
    {
        try
        {
            return InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            throw new BadInputException(option + " '" + host + "' is not an address");
        }
    }

    static Daemon startDaemon(final DaemonContext ctx)
    {
        try
        {
            return Daemon.start(ctx);
        }
        catch (final java.io.UncheckedIOException ex)
        {
            throw new BadInputException("cannot start: " + ex.getMessage() + IoProblems.why(ex.getCause()));
        }
        catch (final IllegalArgumentException | IllegalStateException |
            io.dashcast.engine.ingress.SharedMemoryQueueException ex)
        {
            throw new BadInputException("cannot start: " + ex.getMessage());
        }
    }

    /**
     * dashd's default RPC ports ({@code src/chainparamsbase.cpp}).
     */
    static int defaultRpcPort(final Network network)
    {
        switch (network)
        {
            case TESTNET:
                return 19998;
            case REGTEST:
                return 19898;
            case DEVNET:
                return 19798;
            default:
                return 9998;
        }
    }
}
