package io.dashcast.tools.daemon;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.ingress.SharedMemoryBlockQueue;
import io.dashcast.engine.ingress.SharedMemoryBlockReceiver;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcast.engine.Submission;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.status.EngineStatus;
import io.dashcast.tools.metrics.Monitoring;
import io.dashcast.tools.peers.DnsSeeds;
import io.dashcast.tools.peers.PeerAdmin;
import io.dashcast.tools.peers.PeerManager;
import io.dashcast.tools.peers.PeerRotation;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.jsonrpc.BlockSink;
import io.dashcast.tools.jsonrpc.RpcGateway;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running daemon: the broadcaster on the configured peers with the local dashd's RPC path, the
 * dashd gateway a pool points its daemon URL at ({@link RpcGateway}), the shared-memory queue
 * reader and a periodic health line. Every ingress path ends in one {@link BlockSubmitter}.
 */
public final class Daemon implements AutoCloseable
{
    /**
     * At start, the shared-memory reader waits for every peer's handshake, at most this long, so a
     * backlog written while the daemon was down goes out over P2P and not to RPC alone.
     */
    static final long SHM_START_WAIT_MS = 5_000;
    /** The live rotation runs at most this often. */
    static final long ROTATE_MIN_MS = 100;

    private final DaemonContext ctx;
    private final Broadcaster broadcaster;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockSubmitter submitter;
    private final RpcGateway rpcServer;
    private final SharedMemoryBlockQueue queue;
    private final AgentRunner queueRunner;
    private final ScheduledExecutorService health;
    private final List<PeerEndpoint> endpoints;
    private final long waitForReportMs;
    private final EngineStatus status;
    private final Monitoring monitoring;
    private final boolean fallback;
    private final PeerManager peers;
    private final int startHeight;
    private final String startBestBlockHash;
    private final PeerRotation rotation;

    private Daemon(final DaemonContext ctx)
    {
        this.ctx = ctx;
        final Settings settings = ctx.peers().settings();
        final List<PeerEndpoint> configured = endpoints(ctx.peers().enabledPeersByPriority(), ctx.maxPeers());
        // Always kept (in memory without a store file): the live set's rotation, `dashcast peers add` and
        // SIGHUP go through it.
        peers = new PeerManager(ctx.peerStore(), ctx.maxPeers(), settings.reconnectDelay().toMillis(), ctx.err(),
            System.nanoTime());
        endpoints = markOwnNode(choosePeers(configured));
        final BroadcasterContext broadcasterContext = new BroadcasterContext()
            .network(ctx.network())
            .peers(endpoints)
            .broadcastTimeoutNs(settings.broadcastTimeout().toNanos())
            .reconnectMaxDelayNs(Math.max(settings.reconnectDelay().toNanos(), BroadcasterContext.DEFAULT_RECONNECT_DELAY_NS))
            .idleMode(ctx.idleMode())
            .uplinkMbps(ctx.uplinkMbps())
            .socksProxy(ctx.socksProxy())
            .uploadCapBytesPerSecond(ctx.uploadCapBytesPerSecond())
            .peerUploadCapBytesPerSecond(ctx.peerUploadCapBytesPerSecond())
            .loopCount(ctx.loops())
            .ringSize(ctx.ringSize())
            .validateBlocks(ctx.validateBlocks())
            // A daemon's blocks come minutes apart: warm the send path at start and while idle.
            .warmUpIterations(BroadcasterContext.DEFAULT_WARM_UP_ITERATIONS)
            .rehearsalBlocks(BroadcasterContext.DEFAULT_REHEARSAL_BLOCKS)
            .keepWarmIdleNs(BroadcasterContext.DEFAULT_KEEP_WARM_IDLE_NS)
            .errorHandler(ex -> ctx.err().println("dashcast: broadcast loop error: " + ex));
        waitForReportMs = settings.broadcastTimeout().toMillis() + ctx.dashd().requestTimeoutMs() + 5_000;
        fallback = ctx.fallback();
        if (fallback)
        {
            // An honest start height in our version message: what the local dashd says, if it answers.
            final DashdRpcClient dashd = new DashdRpcClient(ctx.dashd());
            final RpcReply count = dashd.getblockcount();
            final RpcReply best = count.status() == RpcReply.Status.OK ? dashd.getbestblockhash() : null;
            startHeight = count.status() == RpcReply.Status.OK && count.result().canConvertToInt() ? count.result().intValue() : 0;
            startBestBlockHash = best != null && best.status() == RpcReply.Status.OK && best.result().isTextual() ?
                best.result().textValue() : null;
            if (count.status() == RpcReply.Status.OK)
            {
                ctx.out().println("dashcast: local dashd at height " + startHeight + ", best " + startBestBlockHash +
                    " (" + ctx.dashd() + "): our version messages start there");
            }
            else
            {
                ctx.err().println("dashcast: local dashd did not answer getblockcount (" + count + "; " + ctx.dashd() +
                    "): our version messages say start height 0, and its RPC fallback may fail too");
            }
            broadcasterContext.startHeight(startHeight);
            broadcasterContext.dashdRpc(ctx.dashd());
        }
        else
        {
            startHeight = 0;
            startBestBlockHash = null;
        }
        status = ctx.countersFile() != null ?
            EngineStatus.mapFile(ctx.countersFile(), peerCapacity(endpoints.size()), SystemEpochClock.INSTANCE) :
            EngineStatus.inMemory(peerCapacity(endpoints.size()), SystemEpochClock.INSTANCE);
        broadcasterContext.status(status).peerCapacity(peerCapacity(endpoints.size()));
        broadcaster = Broadcaster.launch(broadcasterContext);
        ctx.out().println("dashcast: launch rehearsal: " + broadcaster.rehearsedBlocks() + " of " +
            broadcasterContext.rehearsalBlocks() + " dummy blocks acked by its own loopback node in " +
            TimeUnit.NANOSECONDS.toMillis(broadcaster.rehearsalNs()) + " ms");
        if (broadcaster.fallback() != null)
        {
            broadcaster.fallback().resultListener(result -> status.onRpcResult(result.status()));
        }
        submitter = new BlockSubmitter(broadcaster, localPeerName(endpoints),
            new SubmissionLog(ctx.out(), ctx.err(), ctx.reportListener()));
        RpcGateway startedRpc = null;
        SharedMemoryBlockQueue startedQueue = null;
        AgentRunner startedRunner = null;
        try
        {
            // A part that cannot start (port taken, cookie not writable, queue file refused) must not
            // leave the parts before it running: close them and let the error through.
            startedRpc = ctx.rpcServer() ? startRpcServer() : null;
            if (ctx.sharedMemory())
            {
                final Path path = ctx.sharedMemoryPath() != null ? ctx.sharedMemoryPath() : SharedMemoryBlockQueue.defaultPath();
                startedQueue = SharedMemoryBlockQueue.createOrOpen(path, ctx.sharedMemoryCapacityBytes());
                // A full broadcast ring leaves the record in the queue (the queue is the buffer): nothing is lost.
                final SharedMemoryBlockReceiver receiver = SharedMemoryBlockReceiver.controlled(startedQueue,
                    (buffer, offset, length) -> submitter.trySubmit(buffer, offset, length, "shm") != null,
                    ex -> ctx.err().println("dashcast: shared-memory queue: " + ex.getMessage()),
                    SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
                // Blocks queued while the daemon was down wait for the peers' handshakes (bounded).
                final ReadyGate gate = new ReadyGate(receiver, broadcaster::readyPeerCount, endpoints.size(),
                    SystemNanoClock.INSTANCE, TimeUnit.MILLISECONDS.toNanos(SHM_START_WAIT_MS));
                startedRunner = new AgentRunner(ctx.sharedMemoryIdleStrategy().get(), ex -> ctx.err().println(
                    "dashcast: shared-memory queue: " + ex.getMessage()), null, gate);
                AgentRunner.startOnThread(startedRunner);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            closeAll(startedRpc, startedRunner, startedQueue, broadcaster, status);
            throw ex;
        }
        rpcServer = startedRpc;
        queue = startedQueue;
        queueRunner = startedRunner;
        monitoring = Monitoring.start(new Monitoring.Settings()
            .status(status, broadcaster)
            .dashd(broadcaster.fallback() != null ? broadcaster.fallback().client() : new DashdRpcClient(ctx.dashd()), ctx.minPeers())
            .clock(SystemEpochClock.INSTANCE, ex -> ctx.err().println("dashcast: monitoring: " + ex))
            .http(ctx.metricsBindAddress(), ctx.metricsPort(),
                ctx.metricsUser() == null ? null : () -> ctx.metricsUser() + ":" + ctx.metricsPassword(),
                this::dashboardCredentials)
            .histogramLog(ctx.histogramLog(), ctx.histogramLogIntervalMs())
            .chainPollMs(ctx.chainPollMs()));
        rotation = new PeerRotation(peers, broadcaster, settings.reconnectDelay().toMillis(), endpoints, ctx.discover());
        monitoring.peerAdmin(new Admin());
        health = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "dashcast-health");
            t.setDaemon(true);
            return t;
        });
        final long intervalMs = Math.max(1, settings.healthCheckInterval().toMillis());
        health.scheduleAtFixedRate(this::logHealth, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        // A dead peer is replaced within reconnect_delay: rotate at least twice per delay.
        final long rotateMs = Math.max(ROTATE_MIN_MS, Math.min(intervalMs, settings.reconnectDelay().toMillis() / 2));
        health.scheduleWithFixedDelay(this::rotate, rotateMs, rotateMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Start every part the context enables.
     *
     * @param ctx configuration.
     * @return the running daemon.
     */
    public static Daemon start(final DaemonContext ctx)
    {
        ctx.conclude();
        return new Daemon(ctx);
    }

    private RpcGateway startRpcServer()
    {
        final RpcGateway.Context rpc = new RpcGateway.Context()
            .bindAddress(ctx.rpcBindAddress())
            .allowNonLoopback(!ctx.rpcBindAddress().isLoopbackAddress())
            .port(ctx.rpcPort())
            .blockSink(new Sink())
            .dashd(new DashdRpcClient(ctx.dashd()))
            .closeTimeoutMs(waitForReportMs)
            // As the engine's send path: a pool's block after minutes of quiet must not meet a cold HTTP path.
            .warmUpRequests(RpcGateway.Context.DEFAULT_WARM_UP_REQUESTS)
            .keepWarmIdleMs(RpcGateway.Context.DEFAULT_KEEP_WARM_IDLE_MS)
            .log(line -> ctx.err().println(line))
            .errorHandler(ex -> ctx.err().println("dashcast: rpc: " + ex));
        if (ctx.rpcUser() != null)
        {
            rpc.rpcUser(ctx.rpcUser()).rpcPassword(ctx.rpcPassword());
        }
        else if (ctx.rpcCookieFile() != null)
        {
            rpc.cookieFile(ctx.rpcCookieFile());
        }
        return RpcGateway.start(rpc);
    }

    /**
     * With {@code --discover}: learn candidates (the local dashd, the DNS seeds; at start, never on a
     * loop) and fill up to max_peers with the best measured, configured peers pinned first.
     */
    private List<PeerEndpoint> choosePeers(final List<PeerEndpoint> configured)
    {
        if (!ctx.discover())
        {
            return configured;
        }
        final long now = System.currentTimeMillis();
        final int learned = peers.discover(ctx.fallback() ? new DashdRpcClient(ctx.dashd()) : null, ctx.network(),
            ctx.network().dnsSeeds().isEmpty() ? null : DnsSeeds.SYSTEM, now);
        final List<PeerEndpoint> chosen = peers.choose(configured, now);
        ctx.out().println("dashcast: peers: " + learned + " candidates found, " + chosen.size() + " chosen (" +
            configured.size() + " configured)");
        return chosen;
    }

    private static List<PeerEndpoint> endpoints(final List<PeerEntry> entries, final int maxPeers)
    {
        final List<PeerEndpoint> result = new ArrayList<>();
        for (final PeerEntry entry : entries)
        {
            if (result.size() == maxPeers)
            {
                break;
            }
            final String name = entry.description() == null || entry.description().isBlank() ?
                entry.host() + ":" + entry.port() : entry.description();
            result.add(new PeerEndpoint(name, entry.host(), entry.port(), PeerPriority.parse(entry.priority().name())));
        }
        return List.copyOf(result);
    }

    /**
     * The local dashd built the block template, so it holds every transaction: it gets compact blocks.
     */
    private static List<PeerEndpoint> markOwnNode(final List<PeerEndpoint> endpoints)
    {
        final String local = localPeerName(endpoints);
        final List<PeerEndpoint> marked = new ArrayList<>(endpoints.size());
        for (final PeerEndpoint endpoint : endpoints)
        {
            marked.add(endpoint.name().equals(local) ? endpoint.asOwnNode() : endpoint);
        }
        return List.copyOf(marked);
    }

    /**
     * The local dashd's P2P peer: the first critical peer on a loopback address.
     */
    private static String localPeerName(final List<PeerEndpoint> endpoints)
    {
        for (final PeerEndpoint endpoint : endpoints)
        {
            if (endpoint.priority() == PeerPriority.CRITICAL && isLoopback(endpoint.host()))
            {
                return endpoint.name();
            }
        }
        return null;
    }

    private static boolean isLoopback(final String host)
    {
        try
        {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    /**
     * Room in the peer table and counters: the start set, the peers rotation may add, operator adds.
     */
    private int peerCapacity(final int startPeers)
    {
        return Math.max(BroadcasterContext.DEFAULT_PEER_CAPACITY, Math.max(startPeers, 2 * ctx.maxPeers()) + 16);
    }

    private void rotate()
    {
        try
        {
            final PeerRotation.Round round = rotation.rotate(System.currentTimeMillis());
            if (round.added() > 0 || round.removed() > 0 || round.learned() > 0)
            {
                ctx.out().println("dashcast: peers: " + round.added() + " added, " + round.removed() + " removed, " +
                    round.live() + " in the set, " + round.ready() + " ready, " + round.learned() +
                    " new candidates relayed by peers");
            }
        }
        catch (final RuntimeException ex)
        {
            ctx.err().println("dashcast: peers: rotation: " + ex);
        }
    }

    /**
     * Re-read configuration (SIGHUP): apply the difference to the running peer set without dropping
     * a healthy connection.
     *
     * @param config the configuration as it is now.
     * @return what changed, one line.
     */
    public String reloadPeers(final io.dashcast.tools.config.BroadcastPeersConfig config)
    {
        final List<PeerEndpoint> configured = markOwnNode(endpoints(config.enabledPeersByPriority(), ctx.maxPeers()));
        return rotation.applyConfig(configured, System.currentTimeMillis());
    }

    /**
     * @return the live rotation (tests, admin).
     */
    public PeerRotation rotation()
    {
        return rotation;
    }

    private final class Admin implements PeerAdmin
    {
        @Override
        public String list()
        {
            return rotation.list();
        }

        @Override
        public io.dashcast.engine.PeerChange apply(final String action, final String host, final int port)
        {
            final long now = System.currentTimeMillis();
            final io.dashcast.engine.PeerChange change;
            switch (action)
            {
                case "add":
                    change = rotation.add(host, port, now);
                    break;
                case "remove":
                    change = rotation.remove(host, port);
                    break;
                case "pin":
                    change = rotation.pin(host, port, true, now);
                    break;
                case "unpin":
                    change = rotation.pin(host, port, false, now);
                    break;
                default:
                    throw new IllegalArgumentException("action must be add, remove, pin or unpin, got '" + action + "'");
            }
            ctx.out().println("dashcast: peers: " + action + " " + host + ":" + port + " -> " + change.name().toLowerCase());
            return change;
        }
    }

    private void logHealth()
    {
        rotation.learnAndSave(System.currentTimeMillis());
        final int ready = broadcaster.readyPeerCount();
        final String line = "dashcast: health: " + ready + "/" + broadcaster.livePeers().size() + " peers ready" +
            (fallback ? ", local dashd RPC fallback on" : "");
        if (ready == 0)
        {
            ctx.err().println(line + ": NO READY PEERS, blocks go to the local dashd RPC only" +
                (fallback ? "" : " (which is disabled: blocks would reach nothing)"));
        }
        else if (ready < ctx.minPeers())
        {
            ctx.err().println(line + ": below min_peers " + ctx.minPeers());
        }
        else
        {
            ctx.out().println(line);
        }
    }

    /**
     * The dashboard takes the JSON-RPC endpoint's credentials: user and password, else its cookie.
     */
    private String dashboardCredentials()
    {
        if (ctx.rpcUser() != null)
        {
            return ctx.rpcUser() + ":" + ctx.rpcPassword();
        }
        final Path cookie = rpcCookieFile();
        try
        {
            return cookie == null ? null : java.nio.file.Files.readString(cookie).trim();
        }
        catch (final java.io.IOException ex)
        {
            return null;
        }
    }

    /**
     * @return the local dashd's height when the daemon started (our version messages' start
     * height); 0 when it did not answer or the RPC fallback is off.
     */
    public int startHeight()
    {
        return startHeight;
    }

    /**
     * @return the local dashd's best block hash when the daemon started, or null when it did not
     * answer or the RPC fallback is off.
     */
    public String startBestBlockHash()
    {
        return startBestBlockHash;
    }

    /**
     * @return the port of /metrics, /health and the dashboard, or -1 when closed.
     */
    public int metricsPort()
    {
        return monitoring.port();
    }

    /**
     * @return the engine's counters (and the counters file, when configured).
     */
    public EngineStatus status()
    {
        return status;
    }

    /**
     * @return the monitoring parts (health rule, chain follower).
     */
    public Monitoring monitoring()
    {
        return monitoring;
    }

    /**
     * @return the one path every ingress uses; also the in-process API.
     */
    public BlockSubmitter submitter()
    {
        return submitter;
    }

    public Broadcaster broadcaster()
    {
        return broadcaster;
    }

    /**
     * @return the JSON-RPC port, or -1 when the endpoint is off.
     */
    public int rpcPort()
    {
        return rpcServer == null ? -1 : rpcServer.port();
    }

    /**
     * @return the dashd gateway (JSON-RPC endpoint), or null when it is off.
     */
    public RpcGateway rpcGateway()
    {
        return rpcServer;
    }

    /**
     * @return the cookie file the endpoint wrote, or null with user/password auth or no endpoint.
     */
    public Path rpcCookieFile()
    {
        return rpcServer == null ? null : rpcServer.cookieFile();
    }

    /**
     * @return the shared-memory queue file, or null when off.
     */
    public Path sharedMemoryPath()
    {
        return queue == null ? null : ctx.sharedMemoryPath() != null ? ctx.sharedMemoryPath() :
            SharedMemoryBlockQueue.defaultPath();
    }

    /**
     * @return the peers in use, priority order.
     */
    public List<PeerEndpoint> endpoints()
    {
        return endpoints;
    }

    /**
     * Shut down without losing a call: stop taking connections and calls (the gateway answers every
     * call already read, and the shared-memory reader stops), wait for every block already taken to
     * be reported (bounded by the broadcast and dashd timeouts), then stop the broadcaster and its
     * RPC path. What SIGTERM runs.
     */
    @Override
    public void close()
    {
        health.shutdownNow();
        try
        {
            // The health check may be writing the peer store: let it finish before the last write below.
            health.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        monitoring.close();
        if (rpcServer != null)
        {
            rpcServer.close();
        }
        if (queueRunner != null)
        {
            queueRunner.close();
        }
        submitter.awaitInFlight(waitForReportMs);
        // What this run measured is kept for the next (learn saves the store).
        rotation.learnAndSave(System.currentTimeMillis());
        closeAll(null, null, queue, broadcaster, status);
    }

    private static void closeAll(
        final RpcGateway rpcServer, final AgentRunner queueRunner, final SharedMemoryBlockQueue queue,
        final Broadcaster broadcaster, final EngineStatus status)
    {
        if (rpcServer != null)
        {
            rpcServer.close();
        }
        if (queueRunner != null)
        {
            queueRunner.close();
        }
        if (queue != null)
        {
            queue.close();
        }
        broadcaster.close();
        status.close();
    }

    /**
     * The gateway's view of the daemon: every block through the one submitter.
     */
    private final class Sink implements BlockSink
    {
        @Override
        public Submission submit(final byte[] block)
        {
            return submitter.submission(block, "rpc");
        }

        @Override
        public Submission submit(final byte[] block, final int length)
        {
            return submitter.submission(block, length, "rpc");
        }

        @Override
        public Submission dryRun(final byte[] block)
        {
            return broadcaster.dryRun(block);
        }

        @Override
        public Submission dryRun(final byte[] block, final int length)
        {
            return broadcaster.dryRun(block, length);
        }

        @Override
        public String reportJson(final Submission submission)
        {
            try
            {
                return JSON.writeValueAsString(submitter.reportOf(submission, "rpc").toJsonTree());
            }
            catch (final JsonProcessingException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }
}
