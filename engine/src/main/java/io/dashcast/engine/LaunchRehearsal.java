package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A dress rehearsal before the real broadcaster starts: a broadcaster of the same make (loop count,
 * idle mode, send policy switches, socket buffers), with its own ring, loops and threads, pushes
 * chained dummy regtest blocks to a {@link RehearsalNode} on loopback, its only peers, and takes
 * their acks. The {@link SendPathWarmer} reaches the code below a peer (frames, outbox, socket
 * writes); this reaches the loops' own per-peer steps, which otherwise first run, interpreted, on the
 * first real block: the poll and the decisions, the hand-off to each peer's socket, the write
 * records, the acks and the chain updates. Everything it opens is closed before
 * {@link Broadcaster#launch} builds the real broadcaster; it knows no address but its node's.
 */
final class LaunchRehearsal
{
    /** Rehearsal peers per loop: the loops' per-peer steps run this many times a block. */
    static final int PEERS_PER_LOOP = 4;
    /** Every this many blocks a large one: many transactions, partial writes. */
    private static final int LARGE_EVERY = 32;
    private static final int SMALL_TXS = 4;
    private static final int LARGE_TXS = 700;
    /** Blocks alternate between a {@code byte[]} and direct memory in turns of this many. */
    private static final int FORM_TURN = 16;
    private static final long READY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long READY_POLL_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long BLOCK_TIMEOUT_MS = 2_000;
    /** Blocks pushed and not yet acked, at most: the loops find a block waiting as they finish one. */
    private static final int IN_FLIGHT = 4;

    private LaunchRehearsal()
    {
    }

    /**
     * Rehearse with {@code blocks} dummy blocks.
     *
     * @param real   the real broadcaster's concluded context: the rehearsal is made like it.
     * @param blocks dummy blocks to push.
     * @return blocks every rehearsal peer took and acked (none when a peer was not ready within 5 s
     * or the rehearsal could not start; it stops at a block whose receipt has not come 2 s after its
     * turn). A rehearsal that fails leaves the launch to go on: the real broadcaster never depends on it.
     */
    static int run(final BroadcasterContext real, final int blocks)
    {
        try
        {
            return rehearse(real, blocks);
        }
        catch (final RuntimeException ex)
        {
            // No loopback port, no thread: the first real block then meets the loops' steps cold.
            return 0;
        }
    }

    private static int rehearse(final BroadcasterContext real, final int blocks)
    {
        try (RehearsalNode node = new RehearsalNode(Network.REGTEST, real.threadNamePrefix() + "rehearsal-node"))
        {
            final int peers = PEERS_PER_LOOP * real.loopCount();
            final Chain small = new Chain(SMALL_TXS);
            final Chain large = new Chain(LARGE_TXS);
            final BroadcasterContext ctx = new BroadcasterContext()
                .network(Network.REGTEST)
                .loopCount(real.loopCount())
                .idleMode(real.idleMode())
                .threadingMode(ThreadingMode.DEDICATED)
                .threadNamePrefix(real.threadNamePrefix() + "rehearsal-")
                .compactBlocks(real.compactBlocks())
                .uplinkMbps(real.uplinkMbps())
                .sendBufferBytes(real.sendBufferBytes())
                .receiveBufferBytes(real.receiveBufferBytes())
                .parallelHashing(real.parallelHashing())
                .pushWhenParentUnknown(true)
                .ringSize(16)
                .maxBlockBytes(large.blockBytes())
                // A rehearsal peer's failure concerns no real peer: the count of acked blocks tells.
                .errorHandler(ex -> { });
            for (int i = 0; i < peers; i++)
            {
                ctx.addPeer(new PeerEndpoint("rehearsal-" + i, "127.0.0.1", node.port(),
                    i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
            }
            final Broadcaster rehearsal = Broadcaster.launch(ctx);
            try
            {
                return awaitReady(rehearsal, peers) ? push(rehearsal, blocks, small, large) : 0;
            }
            finally
            {
                rehearsal.close();
            }
        }
    }

    private static boolean awaitReady(final Broadcaster rehearsal, final int peers)
    {
        final long deadline = System.nanoTime() + READY_TIMEOUT_NS;
        while (rehearsal.readyPeerCount() < peers)
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            LockSupport.parkNanos(READY_POLL_NS);
        }
        return true;
    }

    /**
     * Push the blocks, at most {@link #IN_FLIGHT} unacked at a time: each block's parent is the one
     * before, so the peers know it (pushed on the same connection, and their node announced it) and
     * take it in full.
     */
    private static int push(final Broadcaster rehearsal, final int blocks, final Chain small, final Chain large)
    {
        final byte[] parent = new byte[Sha256d.HASH_LENGTH];
        final Submission[] inFlight = new Submission[IN_FLIGHT];
        int acked = 0;
        for (int i = 0; i < blocks + IN_FLIGHT; i++)
        {
            final int way = i % IN_FLIGHT;
            if (inFlight[way] != null)
            {
                final int result = await(inFlight[way]);
                if (result < 0)
                {
                    break;
                }
                acked += result;
                inFlight[way] = null;
            }
            if (i < blocks)
            {
                final Chain chain = i % LARGE_EVERY == LARGE_EVERY - 1 ? large : small;
                final boolean heap = (i / FORM_TURN & 1) == 0;
                final UnsafeBuffer block = chain.next(parent, heap, way);
                inFlight[way] = heap ?
                    rehearsal.submitAll(block.byteArray()) : rehearsal.submitAll(block, 0, block.capacity());
            }
        }
        return acked;
    }

    /**
     * @return 1 when every peer acked the block, 0 when not all did, -1 when its receipt did not come.
     */
    private static int await(final Submission submission)
    {
        try
        {
            final BroadcastReceipt receipt = submission.p2p().get(BLOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return receipt.ackCount() == receipt.peers().size() ? 1 : 0;
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Blocks of one size, each on the last block pushed, in both forms, one buffer of each per block in flight. */
    private static final class Chain
    {
        private final UnsafeBuffer[] heap = new UnsafeBuffer[IN_FLIGHT];
        private final UnsafeBuffer[] direct = new UnsafeBuffer[IN_FLIGHT];
        private final BlockView view = new BlockView();
        private final BlockGate gate = new BlockGate(Network.REGTEST);
        private int nonce;

        Chain(final int txCount)
        {
            for (int i = 0; i < IN_FLIGHT; i++)
            {
                heap[i] = SendPathWarmer.block(txCount, view);
                direct[i] = new UnsafeBuffer(ByteBuffer.allocateDirect(heap[i].capacity()));
            }
        }

        int blockBytes()
        {
            return heap[0].capacity();
        }

        /**
         * The next block on {@code parent} in buffer {@code way} (free: its last block was acked),
         * its nonce ground until regtest's gate passes it (half of all nonces do); {@code parent}
         * becomes its hash.
         */
        UnsafeBuffer next(final byte[] parent, final boolean inHeap, final int way)
        {
            final UnsafeBuffer block = heap[way];
            block.putBytes(BlockView.PREV_HASH_OFFSET, parent);
            do
            {
                block.putInt(BlockView.NONCE_OFFSET, ++nonce);
                view.wrap(block, 0, block.capacity());
            }
            while (gate.check(view, parent) != BlockGate.PASSED);
            if (inHeap)
            {
                return block;
            }
            direct[way].putBytes(0, block, 0, block.capacity());
            return direct[way];
        }
    }
}
