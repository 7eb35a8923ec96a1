package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A dress rehearsal before the real broadcaster starts: a broadcaster of the same make (loop count,
 * idle mode, send policy switches, socket buffers), with its own ring, loops and threads, pushes
 * chained dummy regtest blocks to a {@link RehearsalNode} on loopback, its only peers, and takes
 * their acks. The {@link SendPathWarmer} reaches the code below a peer (frames, outbox, socket
 * writes); this reaches the loops' own per-peer steps, which otherwise first run, interpreted, on the
 * first real block: the poll and the decisions, the hand-off to each peer's socket, the write
 * records, the acks and the chain updates. It takes blocks in every way a real one comes in, of
 * every shape the gate and the compact frame branch on, and lets a peer go and a new one come now
 * and then: a branch the compiler never saw taken is compiled as a trap, and the first real block
 * to take it falls back to the interpreter (seen on JIT logs: a fresh peer's empty chain state, a
 * big block of few transactions). Everything it opens is closed before
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
    /**
     * Half-way between two large blocks a wide one: two transactions, the coinbase's script this long
     * (a 5-byte varint, one merkle subtree on the hash helper, a compact form too big for its slot).
     */
    private static final int WIDE_SCRIPT_BYTES = 100_000;
    /**
     * The four ways a block comes in take turns of this many blocks: {@code submitAll} of a
     * {@code byte[]} and of direct memory (the gateway's and the shared-memory queue's), {@code submit}
     * of each (an embedding pool's, no futures).
     */
    private static final int FORM_TURN = 16;
    /**
     * Every this many blocks one rehearsal peer (never the first) leaves and a new one joins: a real
     * peer's first blocks meet a chain state that knows nothing (a blind push, nothing pushed or
     * announced yet, a block held back until its parent is confirmed), which peers of long standing
     * never show the compiler.
     */
    private static final int ROTATE_EVERY = 64;
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
     * @return blocks acked by every rehearsal peer that took them (none when a peer was not ready within 5 s
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
            return rehearse(real, blocks, node);
        }
    }

    /**
     * As {@link #run}, with a node the caller made (and closes).
     */
    static int rehearse(final BroadcasterContext real, final int blocks, final RehearsalNode node)
    {
        final int peers = PEERS_PER_LOOP * real.loopCount();
        final Chain small = new Chain(SMALL_TXS, SendPathWarmer.OUTPUT_SCRIPT_BYTES);
        final Chain large = new Chain(LARGE_TXS, SendPathWarmer.OUTPUT_SCRIPT_BYTES);
        final Chain wide = new Chain(2, WIDE_SCRIPT_BYTES);
        final Outcomes outcomes = new Outcomes();
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
            .maxBlockBytes(Math.max(large.blockBytes(), wide.blockBytes()))
            .receiptListener(outcomes)
            // A rehearsal peer's failure concerns no real peer: the count of acked blocks tells.
            .errorHandler(ex -> { });
        for (int i = 0; i < peers; i++)
        {
            ctx.addPeer(new PeerEndpoint(name(i), "127.0.0.1", node.port(),
                i == 0 ? PeerPriority.CRITICAL : PeerPriority.NORMAL));
        }
        final Broadcaster rehearsal = Broadcaster.launch(ctx);
        try
        {
            return awaitReady(rehearsal, peers) ? push(rehearsal, blocks, peers, small, large, wide, outcomes, node) : 0;
        }
        finally
        {
            rehearsal.close();
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
     * Push the blocks, at most {@link #IN_FLIGHT} without a receipt at a time: each block's parent is
     * the one before, so the peers know it (pushed on the same connection and acked; their node
     * announces it at once or after the ack) and take it in full.
     */
    private static int push(
        final Broadcaster rehearsal, final int blocks, final int peers, final Chain small, final Chain large,
        final Chain wide, final Outcomes outcomes, final RehearsalNode node)
    {
        final byte[] parent = new byte[Sha256d.HASH_LENGTH];
        final ArrayDeque<String> rotating = new ArrayDeque<>();
        for (int p = 1; p < peers; p++)
        {
            rotating.add(name(p));
        }
        int joined = peers;
        for (int i = 0; i < blocks; i++)
        {
            if (!outcomes.await(i + 1 - IN_FLIGHT))
            {
                return (int)outcomes.acked();
            }
            if (i % ROTATE_EVERY == ROTATE_EVERY - 1 && !rotating.isEmpty())
            {
                // The first peers came with the context, pinned; one that joined has its own port.
                final String leaving = rotating.poll();
                rehearsal.pinPeer(leaving, false);
                rehearsal.removePeer(leaving);
                final int port = node.port(1 + joined % (RehearsalNode.PORTS - 1));
                final String name = name(joined++);
                if (rehearsal.addPeer(new PeerEndpoint(name, "127.0.0.1", port, PeerPriority.NORMAL), false) == PeerChange.ADDED)
                {
                    rotating.add(name);
                }
            }
            final int way = i % IN_FLIGHT;
            final Chain chain = i % LARGE_EVERY == LARGE_EVERY - 1 ? large : i % LARGE_EVERY == LARGE_EVERY / 2 - 1 ? wide : small;
            final int form = i / FORM_TURN & 3;
            final UnsafeBuffer block = chain.next(parent, form == 0 || form == 2, way);
            final boolean taken = switch (form)
            {
                case 0 -> rehearsal.submitAll(block.byteArray()).p2pRefusal() == null;
                case 1 -> rehearsal.submitAll(block, 0, block.capacity()).p2pRefusal() == null;
                case 2 -> rehearsal.submit(block.byteArray()) >= 0;
                default -> rehearsal.submit(block, 0, block.capacity()) >= 0;
            };
            if (!taken)
            {
                return (int)outcomes.acked();
            }
        }
        outcomes.await(blocks);
        return (int)outcomes.acked();
    }

    private static String name(final int peer)
    {
        return "rehearsal-" + peer;
    }

    /**
     * Counts the rehearsal's receipts as its loops finish them, and those every peer that took them
     * acked (a peer joining or leaving is not ready for some; a new peer's second block is held back
     * until its first is confirmed).
     */
    private static final class Outcomes implements ReceiptListener
    {
        private final AtomicLong receipts = new AtomicLong();
        private final AtomicLong acked = new AtomicLong();

        @Override
        public void onReceipt(final BroadcastRecord record)
        {
            int ackedBy = 0;
            boolean missed = false;
            for (int i = 0; i < record.peerCount(); i++)
            {
                if (record.endpoint(i) == null)
                {
                    continue;
                }
                final PeerOutcome outcome = record.outcome(i);
                ackedBy += outcome == PeerOutcome.ACKED ? 1 : 0;
                // Not ready (joining or leaving) or held back (a new peer's second block) is no miss.
                missed |= outcome == PeerOutcome.FAILED || outcome == PeerOutcome.PENDING || outcome == PeerOutcome.HANDED_OFF;
            }
            if (ackedBy > 0 && !missed)
            {
                acked.incrementAndGet();
            }
            receipts.incrementAndGet();
        }

        /**
         * @return false when fewer than {@code count} receipts came within {@link #BLOCK_TIMEOUT_MS}.
         */
        boolean await(final long count)
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BLOCK_TIMEOUT_MS);
            while (receipts.get() < count)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    return false;
                }
                LockSupport.parkNanos(READY_POLL_NS);
            }
            return true;
        }

        long acked()
        {
            return acked.get();
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

        Chain(final int txCount, final int coinbaseScriptBytes)
        {
            for (int i = 0; i < IN_FLIGHT; i++)
            {
                heap[i] = SendPathWarmer.block(txCount, coinbaseScriptBytes, view);
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
            nonce = SendPathWarmer.grindNonce(block, view, gate, parent, nonce, Integer.MAX_VALUE);
            if (inHeap)
            {
                return block;
            }
            direct[way].putBytes(0, block, 0, block.capacity());
            return direct[way];
        }
    }
}
