package io.dashcast.bench.wan;

import io.dashcast.engine.BroadcastRecord;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.IdleMode;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * dashcast as a pool embeds it: a {@link Broadcaster} with peer 0 CRITICAL and the rest NORMAL,
 * the raw block handed to {@link Broadcaster#submit}. Each round's block is the child of the last
 * (the engine knows an acknowledged block as the peer's tip).
 */
final class DashcastPush implements BlockPush
{
    private static final long READY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    private static final long RECEIPT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private final int sendBufferBytes;
    private final int loops;
    private final int uplinkMbps;
    private final X11 x11 = new X11();
    private final byte[] hash = new byte[32];
    private UnsafeBuffer block;
    private Broadcaster broadcaster;
    private long sequence = -1;
    private volatile long receipted = -1;
    private volatile String problem;

    /**
     * @param sendBufferBytes SO_SNDBUF per peer, 0 for the kernel's auto-tuning (the default).
     * @param loops           broadcast loops.
     */
    DashcastPush(final int sendBufferBytes, final int loops)
    {
        this(sendBufferBytes, loops, 0);
    }

    /**
     * @param sendBufferBytes SO_SNDBUF to request, 0 for the kernel's auto-tuning.
     * @param loops           broadcast loops.
     * @param uplinkMbps      the engine's uplink budget (0 = none): with it, big blocks are paced peer after peer.
     */
    DashcastPush(final int sendBufferBytes, final int loops, final int uplinkMbps)
    {
        this.sendBufferBytes = sendBufferBytes;
        this.loops = loops;
        this.uplinkMbps = uplinkMbps;
    }

    @Override
    public void start(final InetSocketAddress[] peers, final byte[] blockBytes)
    {
        block = new UnsafeBuffer(blockBytes.clone());
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(Network.REGTEST)
            .idleMode(IdleMode.BLOCKING_SELECT)
            .loopCount(loops)
            .ringSize(8)
            .retainedBlocks(1)
            .maxBlockBytes(blockBytes.length)
            .sendBufferBytes(sendBufferBytes)
            .uplinkMbps(uplinkMbps)
            // 20 copies of 2 MiB at 100 Mbit/s take 3.4 s: the 5 s default is too close
            .broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(60))
            .threadNamePrefix("dashcast-wan-loop-")
            .errorHandler(ex -> problem = "engine error: " + ex)
            .receiptListener(this::onReceipt);
        for (int i = 0; i < peers.length; i++)
        {
            ctx.addPeer(PeerEndpoint.of(peers[i].getAddress().getHostAddress(), peers[i].getPort(),
                i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
        }
        broadcaster = Broadcaster.launch(ctx);
        final long deadline = System.nanoTime() + READY_TIMEOUT_NS;
        while (broadcaster.readyPeerCount() < peers.length)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("dashcast: only " + broadcaster.readyPeerCount() + " of "
                    + peers.length + " peers ready after 20 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void onReceipt(final BroadcastRecord record)
    {
        receipted = record.sequence();
    }

    @Override
    public void push()
    {
        final long result = broadcaster.submit(block, 0, block.capacity());
        if (result < 0)
        {
            throw new IllegalStateException("dashcast refused the block: " + Broadcaster.describe(result));
        }
        sequence = result;
    }

    @Override
    public void afterRound()
    {
        // wait for the receipt (every peer acknowledged), so the next block extends a known tip
        final long deadline = System.nanoTime() + RECEIPT_TIMEOUT_NS;
        while (receipted < sequence)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("dashcast: no receipt for sequence " + sequence);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (problem != null)
        {
            throw new IllegalStateException(problem);
        }
        io.dashcast.bench.engine.SyntheticBlocks.extend(block, x11, hash);
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
