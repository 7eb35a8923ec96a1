package io.dashcast.faults;

import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.FailureReason;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import io.dashcast.tools.daemon.SubmissionReport;
import io.dashcast.sim.dashd.FakeDashd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One row's world: simulated Dash nodes (peer {@code sim-i} is node i; node 0 is critical, the local
 * dashd's P2P port), optional raw peers, a fake dashd, and the daemon in-process with every ingress
 * on (the in-process API, the shared-memory queue, JSON-RPC {@code submitblock}). Every block's
 * {@link SubmissionReport} is collected by hash through the daemon's report listener, so a block
 * from any ingress can be accounted for: delivered, reported failed (with its reason), or lost.
 */
final class FaultRig implements AutoCloseable
{
    /** The ways in. */
    enum Ingress
    {
        API, SHM, RPC
    }

    static final int DEFAULT_RING_SIZE = io.dashcast.engine.BroadcasterContext.DEFAULT_RING_SIZE;
    static final String RPC_USER = "pool";
    static final String RPC_PASSWORD = "fault-password";

    final Path dir;
    final List<SimulatedDashNode> nodes = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();
    final List<String> extraPeers = new ArrayList<>();
    final FakeDashd dashd;
    final Map<String, SubmissionReport> reports = new ConcurrentHashMap<>();
    final Map<String, String> producerRefusals = new ConcurrentHashMap<>();
    final Map<String, SubmitBlockResult> rpcAnswers = new ConcurrentHashMap<>();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ExecutorService rpcCallers = Executors.newFixedThreadPool(4, r ->
    {
        final Thread t = new Thread(r, "fault-rpc-caller");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService rpcInOrder = Executors.newSingleThreadExecutor(r ->
    {
        final Thread t = new Thread(r, "fault-rpc-in-order");
        t.setDaemon(true);
        return t;
    });
    private final List<int[]> extraPeerPorts = new ArrayList<>();
    Daemon daemon;
    Settings settings = new Settings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(300));
    int rpcTimeoutMs = 10_000;
    int shmCapacityBytes = 4 * 1024 * 1024;
    int ringSize = DEFAULT_RING_SIZE;

    FaultRig(final Path dir) throws IOException
    {
        this.dir = dir;
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
    }

    /**
     * @param count     nodes to start.
     * @param customise applied to each node's context (index, context).
     * @return this.
     */
    FaultRig nodes(final int count, final NodeCustomiser customise)
    {
        for (int i = 0; i < count; i++)
        {
            final SimulatedDashNode.Context ctx = new SimulatedDashNode.Context().network(Network.REGTEST)
                .misbehaviour(new SimMisbehaviour());
            final SimulatedDashNode node = SimulatedDashNode.start(customise.customise(i, ctx));
            nodes.add(node);
            ports.add(node.port());
        }
        return this;
    }

    /**
     * A peer that is not a simulated node (e.g. {@link RawPeer}), listed after the nodes.
     */
    FaultRig extraPeer(final String name, final int port)
    {
        extraPeers.add(name);
        extraPeerPorts.add(new int[] {port});
        return this;
    }

    /**
     * @param slots broadcast ring slots of the daemon (before {@link #start()}).
     * @return this.
     */
    FaultRig ringSize(final int slots)
    {
        this.ringSize = slots;
        return this;
    }

    FaultRig start()
    {
        daemon = Daemon.start(context());
        return this;
    }

    DaemonContext context()
    {
        final List<PeerEntry> entries = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++)
        {
            entries.add(new PeerEntry("127.0.0.1", ports.get(i), i == 0 ? Priority.CRITICAL : Priority.NORMAL,
                name(i), true));
        }
        for (int i = 0; i < extraPeers.size(); i++)
        {
            entries.add(new PeerEntry("127.0.0.1", extraPeerPorts.get(i)[0], Priority.NORMAL, extraPeers.get(i), true));
        }
        final PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "fault matrix", entries, settings))
            .dashd(new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password")
                .connectTimeoutMs(1000).requestTimeoutMs(rpcTimeoutMs))
            .rpcPort(0).rpcUser(RPC_USER).rpcPassword(RPC_PASSWORD)
            .sharedMemoryPath(dir.resolve("queue.ring")).sharedMemoryCapacityBytes(shmCapacityBytes)
            .loops(1)
            .ringSize(ringSize)
            .reportListener(report -> reports.put(report.blockHash(), report))
            .out(stream)
            .err(stream);
    }

    static String name(final int node)
    {
        return "sim-" + node;
    }

    /**
     * Stop a node (its peers see the connection close) and remember its port for {@link #restart}.
     */
    void kill(final int node)
    {
        nodes.get(node).close();
    }

    /**
     * Start a node again on its old port, holding {@code blocks} already (it got them elsewhere).
     */
    void restart(final int node, final List<byte[]> blocks, final UnaryOperator<SimulatedDashNode.Context> customise)
    {
        final SimulatedDashNode.Context ctx = new SimulatedDashNode.Context().network(Network.REGTEST)
            .port(ports.get(node)).initialBlocks(blocks).misbehaviour(new SimMisbehaviour());
        nodes.set(node, SimulatedDashNode.start(customise.apply(ctx)));
    }

    void submit(final byte[] block, final Ingress ingress)
    {
        final String hash = TestBlocks.hashHex(block);
        switch (ingress)
        {
            case API -> daemon.submitter().submit(block, "api");
            case SHM ->
            {
                try (SharedMemoryBlockPublisher publisher = SharedMemoryBlockPublisher.open(dir.resolve("queue.ring")))
                {
                    final SharedMemoryBlockPublisher.OfferResult result = publisher.offer(block);
                    if (result != SharedMemoryBlockPublisher.OfferResult.OK)
                    {
                        // The producer is told and keeps the block: reported, not lost.
                        producerRefusals.put(hash, "shm " + result.name().toLowerCase());
                    }
                }
            }
            case RPC -> rpcCallers.execute(() -> rpcAnswers.put(hash, endpoint().submitblock(block, 0, block.length)));
        }
    }

    /**
     * Submit in chain order: the blocks are split into one contiguous run per ingress (a third via
     * the first ingress, and so on); each run goes in as fast as its ingress takes it, one caller,
     * and the next run starts once the last one's blocks are all reported, so the broadcaster sees
     * every parent before its child.
     */
    void submitInOrder(final List<byte[]> blocks, final Ingress... ingresses) throws InterruptedException
    {
        final int per = (blocks.size() + ingresses.length - 1) / ingresses.length;
        for (int k = 0; k < ingresses.length; k++)
        {
            final List<byte[]> run = blocks.subList(Math.min(blocks.size(), k * per), Math.min(blocks.size(), (k + 1) * per));
            if (ingresses[k] == Ingress.RPC)
            {
                // One caller, one call at a time: a pool submits its blocks that way.
                rpcInOrder.execute(() ->
                {
                    for (final byte[] block : run)
                    {
                        rpcAnswers.put(TestBlocks.hashHex(block), endpoint().submitblock(block, 0, block.length));
                    }
                });
            }
            else
            {
                for (final byte[] block : run)
                {
                    submit(block, ingresses[k]);
                }
            }
            awaitReports(run, Duration.ofSeconds(60));
        }
    }

    private void awaitReports(final List<byte[]> blocks, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !settled(blocks, List.of()))
        {
            Thread.sleep(5);
        }
    }

    /**
     * Submit each block through the next ingress in turn, waiting for its report before the next, as
     * blocks arrive in practice (minutes apart): different ingresses must not race a child past its
     * parent.
     */
    void submitEach(final List<byte[]> blocks, final Ingress... ingresses) throws InterruptedException
    {
        for (int i = 0; i < blocks.size(); i++)
        {
            submit(blocks.get(i), ingresses[i % ingresses.length]);
            awaitReports(blocks.subList(i, i + 1), Duration.ofSeconds(30));
        }
    }

    /**
     * Submit each block through the ingresses in turn, all at once.
     */
    void submitAll(final List<byte[]> blocks, final Ingress... ingresses)
    {
        for (int i = 0; i < blocks.size(); i++)
        {
            submit(blocks.get(i), ingresses[i % ingresses.length]);
        }
    }

    DashdRpcClient endpoint()
    {
        return new DashdRpcClient(new DashdRpcClient.Context().port(daemon.rpcPort()).user(RPC_USER)
            .password(RPC_PASSWORD).requestTimeoutMs(60_000).conclude());
    }

    boolean awaitReady(final int count, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (daemon.broadcaster().readyPeerCount() < count && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        return daemon.broadcaster().readyPeerCount() >= count;
    }

    /**
     * Wait until every block has a report (or a producer refusal) and is on every live node, or the
     * time is up; then account for each.
     *
     * @param blocks    submitted.
     * @param live      node indexes that must get every block they can take.
     * @param timeout   bound on the wait.
     * @return the tally.
     */
    Tally account(final List<byte[]> blocks, final List<Integer> live, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !settled(blocks, live))
        {
            Thread.sleep(20);
        }
        // A block a peer got only the header of (or was held back from) still goes out when that peer
        // asks for it or gains its parent, inside the broadcast time-out: count what arrives by then.
        final long graceEnd = Math.min(deadline, System.nanoTime() + settings.broadcastTimeout().plusSeconds(1).toNanos());
        while (System.nanoTime() < graceEnd && !onAllLive(blocks, live))
        {
            Thread.sleep(20);
        }
        final Tally tally = new Tally();
        for (final byte[] block : blocks)
        {
            final Outcome o = classify(block, live);
            if (o != Outcome.DELIVERED && tally.firstNotDelivered == null)
            {
                final SubmissionReport r = reports.get(TestBlocks.hashHex(block));
                tally.firstNotDelivered = "block " + blocks.indexOf(block) + " " + o + ": " +
                    (r == null || r.receipt() == null ? r : r.receipt().peers());
            }
            tally.add(o);
        }
        return tally;
    }

    /**
     * Settled: every block has its report (or the producer was refused), and every live node has it
     * or the report says why not.
     */
    private boolean settled(final List<byte[]> blocks, final List<Integer> live)
    {
        for (final byte[] block : blocks)
        {
            final String hash = TestBlocks.hashHex(block);
            if (!reports.containsKey(hash) && !producerRefusals.containsKey(hash))
            {
                return false;
            }
            // A report completes at hand-off; the node may still be processing the block.
            if (!onAll(block, live) && !explained(block, live))
            {
                return false;
            }
        }
        return true;
    }

    private boolean onAllLive(final List<byte[]> blocks, final List<Integer> live)
    {
        for (final byte[] block : blocks)
        {
            if (!onAll(block, live))
            {
                return false;
            }
        }
        return true;
    }

    private boolean onAll(final byte[] block, final List<Integer> nodesToCheck)
    {
        final byte[] hash = TestBlocks.hash(block);
        for (final int i : nodesToCheck)
        {
            if (!nodes.get(i).chain().hasBlock(hash))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true when every node lacking the block has a reason in the block's report.
     */
    private boolean explained(final byte[] block, final List<Integer> nodesToCheck)
    {
        final String hash = TestBlocks.hashHex(block);
        if (producerRefusals.containsKey(hash))
        {
            return true;
        }
        final SubmissionReport report = reports.get(hash);
        if (report == null)
        {
            return false;
        }
        if (report.p2pRefusal() != null)
        {
            return true;
        }
        final byte[] raw = TestBlocks.hash(block);
        for (final int i : nodesToCheck)
        {
            if (!nodes.get(i).chain().hasBlock(raw) && !reasonFor(report, name(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean reasonFor(final SubmissionReport report, final String peer)
    {
        if (report.receipt() == null)
        {
            return false;
        }
        for (final BroadcastReceipt.PeerResult p : report.receipt().peers())
        {
            if (p.name().equals(peer))
            {
                return p.failure() != FailureReason.NONE || p.outcome() == PeerOutcome.FAILED ||
                    p.outcome() == PeerOutcome.NOT_READY || p.outcome() == PeerOutcome.HELD_BACK || p.headerOnly();
            }
        }
        // Not a target of this broadcast at all (e.g. beyond max_peers): nothing promised.
        return true;
    }

    private Outcome classify(final byte[] block, final List<Integer> live)
    {
        final List<Integer> all = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++)
        {
            all.add(i);
        }
        if (onAll(block, live) && explainedOrOn(block, all))
        {
            return Outcome.DELIVERED;
        }
        return explained(block, all) ? Outcome.REPORTED_FAILED : Outcome.LOST;
    }

    private boolean explainedOrOn(final byte[] block, final List<Integer> all)
    {
        return onAll(block, all) || explained(block, all);
    }

    /**
     * The daemon still takes and answers calls: the endpoint answers and the broadcaster counts peers.
     */
    boolean serving()
    {
        final RpcReply reply = endpoint().getblockcount();
        return reply.status() == RpcReply.Status.OK;
    }

    String logText()
    {
        synchronized (log)
        {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    void closeDaemon()
    {
        if (daemon != null)
        {
            daemon.close();
            daemon = null;
        }
    }

    @Override
    public void close()
    {
        rpcCallers.shutdownNow();
        rpcInOrder.shutdownNow();
        try
        {
            rpcCallers.awaitTermination(10, TimeUnit.SECONDS);
            rpcInOrder.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        closeDaemon();
        dashd.close();
        nodes.forEach(SimulatedDashNode::close);
    }

    /** What happened to one block. */
    enum Outcome
    {
        DELIVERED, REPORTED_FAILED, LOST
    }

    /** Counts of one row. */
    static final class Tally
    {
        int submitted;
        int delivered;
        int reportedFailed;
        int lost;
        /** What the first block not delivered everywhere got, for a failing row's message. */
        String firstNotDelivered;

        void add(final Outcome outcome)
        {
            submitted++;
            switch (outcome)
            {
                case DELIVERED -> delivered++;
                case REPORTED_FAILED -> reportedFailed++;
                default -> lost++;
            }
        }

        Tally plus(final Tally other)
        {
            final Tally sum = new Tally();
            sum.submitted = submitted + other.submitted;
            sum.delivered = delivered + other.delivered;
            sum.reportedFailed = reportedFailed + other.reportedFailed;
            sum.lost = lost + other.lost;
            return sum;
        }

        @Override
        public String toString()
        {
            return submitted + " submitted, " + delivered + " delivered, " + reportedFailed + " reported failed, " +
                lost + " lost" + (firstNotDelivered == null ? "" : "; first not delivered: " + firstNotDelivered);
        }
    }

    /** Customises node i's context. */
    @FunctionalInterface
    interface NodeCustomiser
    {
        SimulatedDashNode.Context customise(int index, SimulatedDashNode.Context context);
    }
}
