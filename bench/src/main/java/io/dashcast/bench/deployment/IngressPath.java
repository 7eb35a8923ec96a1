package io.dashcast.bench.deployment;

import io.dashcast.bench.harness.Delivery;
import io.dashcast.bench.harness.FanOut;
import io.dashcast.bench.harness.HarnessException;
import io.dashcast.bench.harness.ReceiverLink;
import io.dashcast.bench.harness.Workload;
import io.dashcast.engine.BroadcastRecord;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.Submission;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.IdleMode;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.engine.ingress.SharedMemoryBlockQueue;
import io.dashcast.engine.ingress.SharedMemoryBlockReceiver;
import io.dashcast.protocol.X11;
import io.dashcast.tools.jsonrpc.BlockSink;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * dashcast as the daemon runs it, behind one ingress: a {@link Broadcaster} configured like the
 * daemon's (blocking select, one loop per core up to the peer count; the receivers as peers, peer 0
 * critical) fed by {@code submit} on the caller's thread ({@link Ingress#API}), by the daemon's
 * shared-memory receiver agent with the daemon's idle strategy ({@link Ingress#SHM}), or by the
 * daemon's JSON-RPC endpoint ({@link Ingress#RPC}). The ingress call is the timed send; hand-offs
 * come from the receipt.
 */
final class IngressPath implements FanOut
{
    private static final long READY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    /** The longest park while awaiting a receipt (a problem, not a receipt, may end the wait). */
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The daemon's default capacity (a record may take an eighth: 2 MiB blocks). */
    private static final int SHM_CAPACITY_BYTES = SharedMemoryBlockQueue.DEFAULT_CAPACITY_BYTES;

    private final Ingress ingress;
    private final IdleMode idleMode;
    private final int loops;
    private final long keepWarmIdleNs;
    private final int warmUpIterations;
    private final int rehearsalBlocks;
    private final int rpcWarmUpRequests;
    private final long rpcKeepWarmMs;
    private final String shmIdle;
    private final X11 x11 = new X11();
    private final byte[] hash = new byte[32];
    private Workload workload;
    private Broadcaster broadcaster;
    private Path queueFile;
    private SharedMemoryBlockQueue queue;
    private SharedMemoryBlockPublisher publisher;
    private AgentRunner queueRunner;
    private RpcSubmitter rpc;
    private long submitted;
    private volatile long receipts;
    /** The thread in {@link #awaitHandoff}, woken by the receipt: it must not poll beside the block's writes. */
    private volatile Thread waiter;
    private volatile String problem;
    private long firstHandoffNs;
    private long lastHandoffNs;

    /**
     * @param ingress        how blocks come in (not the floor).
     * @param idleMode       what an idle broadcast loop does.
     * @param loops          broadcast loops; 0 for one per core, capped at the peer count.
     * @param keepWarmIdleNs   keep the send path warm after this much idle time; 0 for off.
     * @param warmUpIterations dummy blocks through the send path at launch; 0 for none.
     * @param rehearsalBlocks  dummy blocks the engine's launch rehearsal pushes to its own node; 0 for none.
     * @param rpcWarmUpRequests dry-run calls the gateway sends itself at start; 0 for none.
     * @param rpcKeepWarmMs    the gateway's keep-warm idle time; 0 for off.
     * @param shmIdle          the shm queue thread's idle strategy ({@link ShmIdle}).
     */
    IngressPath(
        final Ingress ingress, final IdleMode idleMode, final int loops, final long keepWarmIdleNs, final int warmUpIterations,
        final int rehearsalBlocks, final int rpcWarmUpRequests, final long rpcKeepWarmMs, final String shmIdle)
    {
        if (ingress == Ingress.FLOOR)
        {
            throw new IllegalArgumentException("the floor has no ingress path");
        }
        this.ingress = ingress;
        this.idleMode = idleMode;
        this.loops = loops;
        this.keepWarmIdleNs = keepWarmIdleNs;
        this.warmUpIterations = warmUpIterations;
        this.rehearsalBlocks = rehearsalBlocks;
        this.rpcWarmUpRequests = rpcWarmUpRequests;
        this.rpcKeepWarmMs = rpcKeepWarmMs;
        this.shmIdle = shmIdle;
    }

    /**
     * @param ingress how blocks come in (not the floor).
     * @param options the daemon-like settings to use.
     * @return the path.
     */
    static IngressPath of(final Ingress ingress, final DeploymentOptions options)
    {
        return new IngressPath(ingress, options.idleMode, options.loops, TimeUnit.MILLISECONDS.toNanos(options.keepWarmMs),
            options.warmUpIterations, options.rehearsalBlocks, options.rpcWarmUpRequests, options.rpcKeepWarmMs, options.shmIdle);
    }

    @Override
    public void start(final ReceiverLink link, final Workload workload) throws IOException
    {
        connect(link.open(workload.peers), workload);
    }

    /**
     * Launch the broadcaster on receivers already open, wait until every peer is ready, then open
     * the ingress.
     *
     * @param ports    the receivers' ports, peer 0 first.
     * @param workload the block.
     * @throws IOException if the ingress cannot be opened.
     */
    void connect(final int[] ports, final Workload workload) throws IOException
    {
        this.workload = workload;
        final int loopCount = loops > 0 ? loops : Math.min(Runtime.getRuntime().availableProcessors(), ports.length);
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(Workload.NETWORK)
            .idleMode(idleMode)
            .loopCount(Math.max(1, loopCount))
            .maxBlockBytes(Math.max(workload.blockBytes, 1024))
            .threadNamePrefix("dashcast-deploy-loop-")
            .errorHandler(ex -> problem = "engine error: " + ex)
            .receiptListener(this::onReceipt)
            .keepWarmIdleNs(keepWarmIdleNs)
            .warmUpIterations(warmUpIterations)
            .rehearsalBlocks(rehearsalBlocks);
        for (int i = 0; i < ports.length; i++)
        {
            ctx.addPeer(PeerEndpoint.of("127.0.0.1", ports[i], i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
        }
        broadcaster = Broadcaster.launch(ctx);
        awaitReady(ports.length);
        switch (ingress)
        {
            case SHM -> openSharedMemory();
            case RPC ->
            {
                rpc = RpcSubmitter.start(new RpcSink(), workload.blockBytes, rpcWarmUpRequests,
                    rpcKeepWarmMs);
                rpc.prepare(workload.block, workload.blockBytes);
            }
            default -> { }
        }
    }

    private void awaitReady(final int peers)
    {
        final long deadline = System.nanoTime() + READY_TIMEOUT_NS;
        while (broadcaster.readyPeerCount() < peers)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new HarnessException("dashcast: only " + broadcaster.readyPeerCount() + " of " + peers +
                    " peers ready after 15 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void openSharedMemory() throws IOException
    {
        final Path dir = Files.isDirectory(Paths.get("/dev/shm")) ? Paths.get("/dev/shm") : Paths.get(System.getProperty("java.io.tmpdir"));
        queueFile = Files.createTempFile(dir, "dashcast-bench-", ".ring");
        Files.delete(queueFile);
        queue = SharedMemoryBlockQueue.createOrOpen(queueFile, SHM_CAPACITY_BYTES);
        final SharedMemoryBlockReceiver receiver = new SharedMemoryBlockReceiver(queue, this::submitFromQueue,
            ex -> problem = "shm: " + ex, SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
        // The daemon's idle strategy for its queue thread, or the one under test.
        queueRunner = new AgentRunner(ShmIdle.of(shmIdle), ex -> problem = "shm: " + ex, null, receiver);
        AgentRunner.startOnThread(queueRunner);
        publisher = SharedMemoryBlockPublisher.open(queueFile);
    }

    private void submitFromQueue(final DirectBuffer buffer, final int offset, final int length)
    {
        check(broadcaster.submit(buffer, offset, length));
    }

    /**
     * The gateway's sink, as the daemon's: the decoded block handed on untrimmed (the gateway calls
     * only the forms with a length).
     */
    private final class RpcSink implements BlockSink
    {
        @Override
        public Submission submit(final byte[] block)
        {
            return submit(block, block.length);
        }

        @Override
        public Submission submit(final byte[] block, final int length)
        {
            final Submission submission = broadcaster.submitAll(block, length);
            if (submission.p2pRefusal() != null)
            {
                problem = "dashcast refused the block: " + submission.p2pRefusal();
            }
            return submission;
        }

        @Override
        public Submission dryRun(final byte[] block, final int length)
        {
            return broadcaster.dryRun(block, length);
        }
    }

    private boolean check(final long result)
    {
        if (result < 0)
        {
            problem = "dashcast refused the block: " + Broadcaster.describe(result);
            return false;
        }
        return true;
    }

    /**
     * On a broadcast loop thread: keep the hand-off times, then count the receipt.
     */
    private void onReceipt(final BroadcastRecord record)
    {
        long last = 0;
        for (int i = 0; i < record.peerCount(); i++)
        {
            if (record.endpoint(i) == null)
            {
                continue; // an unused index of the peer table
            }
            final PeerOutcome outcome = record.outcome(i);
            if ((outcome != PeerOutcome.ACKED && outcome != PeerOutcome.HANDED_OFF) || record.handoffNs(i) == 0)
            {
                problem = "dashcast: peer " + i + " " + outcome + " (" + record.failure(i) + ")";
            }
            last = Math.max(last, record.handoffNs(i));
        }
        firstHandoffNs = record.handoffNs(0);
        lastHandoffNs = last;
        receipts = receipts + 1;
        final Thread w = waiter;
        if (w != null)
        {
            LockSupport.unpark(w);
        }
    }

    @Override
    public void send(final long sample) throws IOException
    {
        submitted++;
        switch (ingress)
        {
            case API -> check(broadcaster.submit(workload.block, 0, workload.blockBytes));
            case SHM ->
            {
                final SharedMemoryBlockPublisher.OfferResult result = publisher.offer(workload.block, 0, workload.blockBytes);
                if (result != SharedMemoryBlockPublisher.OfferResult.OK)
                {
                    throw new HarnessException("shm offer: " + result);
                }
            }
            case RPC -> rpc.call();
            default -> throw new IllegalStateException(ingress.name());
        }
    }

    @Override
    public void awaitHandoff(final long sample, final Delivery delivery, final long deadlineNs)
    {
        // Parked until the receipt's unpark: on 2 cores a waiter polling every few microseconds takes
        // CPU from the loops and the receivers while the block is going out (the floor's wait is free).
        waiter = Thread.currentThread();
        try
        {
            while (receipts < submitted)
            {
                final long left = deadlineNs - System.nanoTime();
                if (problem != null || left <= 0)
                {
                    throw new HarnessException(problem != null ? problem : "dashcast: no receipt for block " + submitted);
                }
                LockSupport.parkNanos(this, Math.min(left, MAX_PARK_NS));
            }
        }
        finally
        {
            waiter = null;
        }
        final String p = problem;
        if (p != null)
        {
            throw new HarnessException(p);
        }
        // The next block is the child of this one, as a pool's next block is (after the timestamps).
        io.dashcast.bench.engine.SyntheticBlocks.extend(workload.block, x11, hash);
        if (rpc != null)
        {
            rpc.prepare(workload.block, workload.blockBytes);
        }
    }

    @Override
    public long firstHandoffNs()
    {
        return firstHandoffNs;
    }

    @Override
    public long lastHandoffNs()
    {
        return lastHandoffNs;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(rpc);
        CloseHelper.quietClose(queueRunner);
        CloseHelper.quietClose(publisher);
        CloseHelper.quietClose(queue);
        if (broadcaster != null)
        {
            broadcaster.close();
            broadcaster = null;
        }
        if (queueFile != null)
        {
            try
            {
                Files.deleteIfExists(queueFile);
            }
            catch (final IOException ex)
            {
                // a stale temp file in /dev/shm; nothing to report
            }
        }
    }
}
