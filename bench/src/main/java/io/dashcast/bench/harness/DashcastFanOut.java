package io.dashcast.bench.harness;

import io.dashcast.engine.BroadcastRecord;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.IdleMode;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.PeerPriority;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * dashcast as a pool embeds it: a {@link Broadcaster} with the receivers as peers (peer 0
 * critical, the rest normal), each block handed to {@link Broadcaster#submit} on the harness thread.
 * Hand-off times come from the receipt, which arrives once every peer answered the ping that follows
 * the block.
 */
final class DashcastFanOut implements FanOut
{
    private static final long READY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final long POLL_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private final IdleMode idleMode;
    private final int loops;
    private Workload workload;
    private final io.dashcast.protocol.X11 x11 = new io.dashcast.protocol.X11();
    private final byte[] hash = new byte[32];
    private Broadcaster broadcaster;
    private long sequence = -1;
    private volatile long completedSequence = -1;
    private volatile String problem;
    private long firstHandoffNs;
    private long lastHandoffNs;

    /**
     * @param idleMode what an idle broadcast loop does.
     * @param loops    broadcast loops (threads).
     */
    DashcastFanOut(final IdleMode idleMode, final int loops)
    {
        this.idleMode = idleMode;
        this.loops = loops;
    }

    @Override
    public void start(final ReceiverLink link, final Workload workload)
    {
        this.workload = workload;
        final int[] ports = link.open(workload.peers);
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(Workload.NETWORK)
            .idleMode(idleMode)
            .loopCount(loops)
            .ringSize(8)
            .retainedBlocks(1)
            .maxBlockBytes(Math.max(workload.blockBytes, 1024))
            .threadNamePrefix("dashcast-bench-loop-")
            .errorHandler(ex -> problem = "engine error: " + ex)
            .receiptListener(this::onReceipt);
        for (int i = 0; i < ports.length; i++)
        {
            ctx.addPeer(PeerEndpoint.of("127.0.0.1", ports[i], i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
        }
        broadcaster = Broadcaster.launch(ctx);
        final long deadline = System.nanoTime() + READY_TIMEOUT_NS;
        while (broadcaster.readyPeerCount() < workload.peers)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new HarnessException("dashcast: only " + broadcaster.readyPeerCount() + " of "
                    + workload.peers + " peers ready after 15 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * On a broadcast loop thread: keep the hand-off times, then publish the sequence.
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
        completedSequence = record.sequence();
    }

    @Override
    public void send(final long sample)
    {
        final long result = broadcaster.submit(workload.block, 0, workload.blockBytes);
        if (result < 0)
        {
            throw new HarnessException("dashcast refused the block: " + Broadcaster.describe(result));
        }
        sequence = result;
    }

    @Override
    public void awaitHandoff(final long sample, final Delivery delivery, final long deadlineNs)
    {
        while (completedSequence < sequence)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new HarnessException("dashcast: no receipt for sequence " + sequence);
            }
            LockSupport.parkNanos(POLL_NS);
        }
        final String p = problem;
        if (p != null)
        {
            throw new HarnessException(p);
        }
        // The next block is the child of this one, as a pool's next block is: the engine knows an
        // acknowledged block as the peer's tip and would hold back a block whose parent it lacks.
        // Done after the sample's timestamps were taken.
        io.dashcast.bench.engine.SyntheticBlocks.extend(workload.block, x11, hash);
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
        if (broadcaster != null)
        {
            broadcaster.close();
            broadcaster = null;
        }
    }
}
