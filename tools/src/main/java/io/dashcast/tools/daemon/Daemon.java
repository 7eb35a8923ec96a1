package io.dashcast.tools.daemon;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.ingress.SharedMemoryBlockQueue;
import io.dashcast.engine.ingress.SharedMemoryBlockReceiver;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.Json;
import io.dashcast.engine.dashd.RpcFallback;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.jsonrpc.BlockSink;
import io.dashcast.tools.jsonrpc.SubmitBlockHttpServer;
import io.dashcast.tools.jsonrpc.SubmitOutcome;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running daemon: the broadcaster on the configured peers, the local dashd RPC fallback, the
 * dashd-compatible JSON-RPC endpoint, the shared-memory queue reader and a periodic health line.
 * Every ingress path ends in one {@link BlockSubmitter}.
 */
public final class Daemon implements AutoCloseable
{
    /**
     * At start, the shared-memory reader waits for every peer's handshake, at most this long, so a
     * backlog written while the daemon was down goes out over P2P and not to RPC alone.
     */
    static final long SHM_START_WAIT_MS = 5_000;

    private final DaemonContext ctx;
    private final Broadcaster broadcaster;
    private final RpcFallback fallback;
    private final BlockSubmitter submitter;
    private final SubmitBlockHttpServer rpcServer;
    private final SharedMemoryBlockQueue queue;
    private final AgentRunner queueRunner;
    private final ScheduledExecutorService health;
    private final List<PeerEndpoint> endpoints;
    private final long waitForReportMs;

    private Daemon(final DaemonContext ctx)
    {
        this.ctx = ctx;
        final Settings settings = ctx.peers().settings();
        endpoints = markOwnNode(endpoints(ctx.peers().enabledPeersByPriority(), ctx.maxPeers()));
        final BroadcasterContext broadcasterContext = new BroadcasterContext()
            .network(ctx.network())
            .peers(endpoints)
            .broadcastTimeoutNs(settings.broadcastTimeout().toNanos())
            .reconnectMaxDelayNs(Math.max(settings.reconnectDelay().toNanos(), BroadcasterContext.DEFAULT_RECONNECT_DELAY_NS))
            .idleMode(ctx.idleMode())
            .uplinkMbps(ctx.uplinkMbps())
            .loopCount(ctx.loops())
            .errorHandler(ex -> ctx.err().println("dashcast: broadcast loop error: " + ex));
        waitForReportMs = settings.broadcastTimeout().toMillis() + ctx.dashd().requestTimeoutMs() + 5_000;
        fallback = ctx.fallback() ? new RpcFallback(new DashdRpcClient(ctx.dashd()), RpcFallback.DEFAULT_QUEUE_CAPACITY) : null;
        if (fallback != null)
        {
            // An honest start height in our version message: what the local dashd says, if it answers.
            broadcasterContext.startHeight(startHeight(fallback.client()));
        }
        broadcaster = Broadcaster.launch(broadcasterContext);
        submitter = new BlockSubmitter(broadcaster, fallback, localPeerName(endpoints),
            new SubmissionLog(ctx.out(), ctx.err(), ctx.reportListener()));
        SubmitBlockHttpServer startedRpc = null;
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
                final SharedMemoryBlockReceiver receiver = new SharedMemoryBlockReceiver(startedQueue,
                    (buffer, offset, length) -> submitter.submit(buffer, offset, length, "shm"),
                    ex -> ctx.err().println("dashcast: shared-memory queue: " + ex.getMessage()),
                    SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
                // Blocks queued while the daemon was down wait for the peers' handshakes (bounded).
                final ReadyGate gate = new ReadyGate(receiver, broadcaster::readyPeerCount, endpoints.size(),
                    SystemNanoClock.INSTANCE, TimeUnit.MILLISECONDS.toNanos(SHM_START_WAIT_MS));
                startedRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), ex -> ctx.err().println(
                    "dashcast: shared-memory queue: " + ex.getMessage()), null, gate);
                AgentRunner.startOnThread(startedRunner);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            closeAll(startedRpc, startedRunner, startedQueue, broadcaster, fallback);
            throw ex;
        }
        rpcServer = startedRpc;
        queue = startedQueue;
        queueRunner = startedRunner;
        health = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "dashcast-health");
            t.setDaemon(true);
            return t;
        });
        final long intervalMs = Math.max(1, settings.healthCheckInterval().toMillis());
        health.scheduleAtFixedRate(this::logHealth, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
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

    private SubmitBlockHttpServer startRpcServer()
    {
        final SubmitBlockHttpServer.Context rpc = new SubmitBlockHttpServer.Context()
            .bindAddress(ctx.rpcBindAddress())
            .allowNonLoopback(!ctx.rpcBindAddress().isLoopbackAddress())
            .port(ctx.rpcPort())
            .blockSink(new Sink())
            .errorHandler(ex -> ctx.err().println("dashcast: rpc: " + ex));
        if (ctx.rpcUser() != null)
        {
            rpc.rpcUser(ctx.rpcUser()).rpcPassword(ctx.rpcPassword());
        }
        else if (ctx.rpcCookieFile() != null)
        {
            rpc.cookieFile(ctx.rpcCookieFile());
        }
        if (fallback != null)
        {
            rpc.dashdProxy(fallback.client());
        }
        return SubmitBlockHttpServer.start(rpc);
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

    private static int startHeight(final DashdRpcClient client)
    {
        final RpcReply reply = client.getblockcount();
        if (reply.status() == RpcReply.Status.OK && reply.result() instanceof Json.NumberText)
        {
            try
            {
                return Integer.parseInt(((Json.NumberText)reply.result()).text());
            }
            catch (final NumberFormatException ignore)
            {
                return 0;
            }
        }
        return 0;
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

    private void logHealth()
    {
        final int ready = broadcaster.readyPeerCount();
        final String line = "dashcast: health: " + ready + "/" + endpoints.size() + " peers ready" +
            (fallback == null ? "" : ", local dashd RPC fallback on");
        if (ready == 0)
        {
            ctx.err().println(line + ": NO READY PEERS, blocks go to the local dashd RPC only" +
                (fallback == null ? " (which is disabled: blocks would reach nothing)" : ""));
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
     * Stop taking blocks, then stop the broadcaster (pending receipts complete) and the fallback.
     */
    @Override
    public void close()
    {
        health.shutdownNow();
        closeAll(rpcServer, queueRunner, queue, broadcaster, fallback);
    }

    private static void closeAll(
        final SubmitBlockHttpServer rpcServer, final AgentRunner queueRunner, final SharedMemoryBlockQueue queue,
        final Broadcaster broadcaster, final RpcFallback fallback)
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
        if (fallback != null)
        {
            fallback.close();
        }
    }

    /**
     * The JSON-RPC endpoint's view of the daemon: dashd's answer when the fallback runs (it is the
     * authority on validity), else {@code null} (accepted) once a peer proved it processed the block.
     */
    private final class Sink implements BlockSink
    {
        @Override
        public SubmitOutcome submit(final byte[] block)
        {
            final SubmissionReport report = await(submitter.submit(block, "rpc"));
            if (report == null)
            {
                return SubmitOutcome.INCONCLUSIVE;
            }
            if (report.rpc() != null)
            {
                return SubmitOutcome.of(report.rpc());
            }
            if (report.p2pRefusal() != null)
            {
                return BlockSubmitter.refusedAsInvalid(report.p2pRefusal()) ?
                    SubmitOutcome.error(-22, "Block decode failed") : SubmitOutcome.QUEUE_FULL;
            }
            return report.receipt() != null && report.receipt().ackCount() > 0 ?
                SubmitOutcome.ACCEPTED : SubmitOutcome.INCONCLUSIVE;
        }

        @Override
        public Object submitWithReport(final byte[] block)
        {
            final SubmissionReport report = await(submitter.submit(block, "rpc"));
            return report == null ? null : report.toJsonTree();
        }

        private SubmissionReport await(final CompletableFuture<SubmissionReport> future)
        {
            try
            {
                return future.get(waitForReportMs, TimeUnit.MILLISECONDS);
            }
            catch (final Exception ex)
            {
                ctx.err().println("dashcast: rpc: no report within " + waitForReportMs + " ms: " + ex);
                return null;
            }
        }
    }
}
