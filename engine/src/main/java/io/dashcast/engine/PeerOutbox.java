package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What is still to be written to one peer, in order: ranges of ring slots (nothing copied), control
 * frames between them, and the ack ping queued behind every block-carrying frame, tracked until its
 * pong. Bounded: a peer that lets more pile up than the queue holds is reported as a backlog (the
 * caller cuts it). Written with gathering writes as far as the kernel takes.
 */
final class PeerOutbox
{
    private static final int MAX_QUEUED_RANGES = 250;
    private static final int MAX_QUEUED_RANGES_FOR_BLOCKTXN = 200;

    private final OutboundQueue outbound = new OutboundQueue(256);
    private final ByteBuffer[] srcs = new ByteBuffer[4];
    private final ControlFrameWriter control;
    private final BlockTxnWriter blockTxn;
    private final AckTracker acks = new AckTracker();
    private long writtenBytes;

    PeerOutbox(final Network network)
    {
        final MessageFramer framer = new MessageFramer(network);
        this.control = new ControlFrameWriter(outbound, framer);
        this.blockTxn = new BlockTxnWriter(outbound, control, framer, network);
    }

    ControlFrameWriter control()
    {
        return control;
    }

    AckTracker acks()
    {
        return acks;
    }

    void clear()
    {
        outbound.clear();
        control.reset();
        acks.clear();
    }

    /**
     * Queue a slot range carrying a block ({@link OutboundQueue#BLOCK} or {@link OutboundQueue#CMPCT})
     * and the ack ping {@code nonce} behind it.
     *
     * @return false on a backlog: nothing queued.
     */
    boolean addBlockFrame(
        final ByteBuffer slotView, final int start, final int end, final long sequence, final byte kind,
        final long nonce, final long nowNs)
    {
        if (outbound.size() > MAX_QUEUED_RANGES || acks.isFull())
        {
            return false;
        }
        outbound.add(slotView, start, end, sequence, kind);
        return addAckPing(nonce, sequence, nowNs);
    }

    /**
     * @return false on a backlog: nothing queued.
     */
    boolean addHeaders(final ByteBuffer slotView, final int offset, final int length, final long sequence)
    {
        if (outbound.size() > MAX_QUEUED_RANGES)
        {
            return false;
        }
        outbound.add(slotView, offset, offset + length, sequence, OutboundQueue.HEADERS);
        return true;
    }

    /**
     * @return false (nothing queued) when the answer does not fit: send the full block instead.
     */
    boolean addBlockTxn(
        final ByteBuffer slotView, final BlockView block, final DirectBuffer hash, final int hashOffset,
        final GetBlockTxnFlyweight request, final long sequence, final long nonce, final long nowNs)
    {
        if (acks.isFull() || outbound.size() > MAX_QUEUED_RANGES_FOR_BLOCKTXN ||
            !blockTxn.enqueue(slotView, block, hash, hashOffset, request, sequence))
        {
            return false;
        }
        return addAckPing(nonce, sequence, nowNs);
    }

    private boolean addAckPing(final long nonce, final long sequence, final long nowNs)
    {
        acks.add(nonce, sequence, nowNs);
        return control.appendNonce(Command.PING, nonce);
    }

    /**
     * @return true while any range of {@code sequence} (block, headers, compact, blocktxn) is still queued.
     */
    boolean holdsSlot(final long sequence)
    {
        return holdsBlock(sequence) || outbound.holds(sequence, OutboundQueue.HEADERS);
    }

    /**
     * @return true while a block, compact block or blocktxn range of {@code sequence} is still queued.
     */
    boolean holdsBlock(final long sequence)
    {
        return outbound.holdsPayload(sequence);
    }

    /**
     * @return lowest slot sequence still needed (queued or awaiting its ack), or Long.MAX_VALUE.
     */
    long lowestHeldSequence()
    {
        return Math.min(outbound.lowestSequence(), acks.lowestSequence());
    }

    /**
     * Write as much as the kernel takes, up to {@code budget} bytes.
     *
     * @param budget bytes the upload caps allow now ({@link Long#MAX_VALUE} when uncapped).
     * @return writes that made progress, or -1 when one made none (ask for OP_WRITE); 0 also when
     * the budget ran out with bytes still queued (see {@link #hasQueued()}).
     */
    int writeTo(
        final SocketChannel channel, final OutboundQueue.CompletionListener listener, final NanoClock clock,
        final long budget) throws IOException
    {
        int work = 0;
        long left = budget;
        while (!outbound.isEmpty() && left > 0)
        {
            final int n = limit(srcs, outbound.gather(srcs), left);
            final long written = channel.write(srcs, 0, n);
            if (written <= 0)
            {
                return -1;
            }
            work++;
            left -= written;
            writtenBytes += written;
            // Hand-off time is when the kernel took the bytes, read fresh rather than the cycle's clock.
            outbound.advance(written, listener, clock.nanoTime());
        }
        if (outbound.isEmpty())
        {
            control.reset();
        }
        return work;
    }

    /**
     * @return true while bytes wait to be written (an upload cap held them back).
     */
    boolean hasQueued()
    {
        return !outbound.isEmpty();
    }

    /**
     * @return bytes written to the socket since this outbox was made (all frames).
     */
    long writtenBytes()
    {
        return writtenBytes;
    }

    /**
     * Cut the gathered views so they hold at most {@code budget} bytes (the next gather restores them).
     *
     * @return views to write.
     */
    private static int limit(final ByteBuffer[] srcs, final int n, final long budget)
    {
        long left = budget;
        for (int i = 0; i < n; i++)
        {
            final int remaining = srcs[i].remaining();
            if (remaining >= left)
            {
                srcs[i].limit(srcs[i].position() + (int)left);
                return i + 1;
            }
            left -= remaining;
        }
        return n;
    }
}
