package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.message.BlockTxnFlyweight;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import io.dashcast.protocol.message.NonceFlyweight;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * Queues a {@code blocktxn} answer for the transactions a {@code getblocktxn} names. Straight from
 * the slot when the request is a few runs of consecutive transactions: the frame header, block hash
 * and count go in the control buffer, each run is one range of the slot's buffer, and the checksum
 * is hashed over those pieces in place. A request scattered over more runs than the queue holds is
 * copied once, transactions as they lie in the block, into this peer's bulk buffer (grown, rarely,
 * to the largest answer so far) and framed there.
 */
final class BlockTxnWriter
{
    private final OutboundQueue outbound;
    private final ControlFrameWriter control;
    private final MessageFramer framer;
    private final Network network;
    private final Sha256d sha256d = new Sha256d();
    private final UnsafeBuffer bulkBuffer = new UnsafeBuffer(new byte[0]);
    private ByteBuffer bulk;
    private ByteBuffer bulkView;

    BlockTxnWriter(
        final OutboundQueue outbound, final ControlFrameWriter control, final MessageFramer framer, final Network network)
    {
        this.outbound = outbound;
        this.control = control;
        this.framer = framer;
        this.network = network;
    }

    /**
     * @return false (nothing queued) when neither way fits: send the full block instead.
     */
    boolean enqueue(
        final ByteBuffer slotView, final BlockView block, final DirectBuffer hash, final int hashOffset,
        final GetBlockTxnFlyweight request, final long sequence)
    {
        if (outbound.size() > 200)
        {
            return false;
        }
        final int count = request.count();
        int runs = 0;
        int payloadLength = BlockTxnFlyweight.prefixLength(count);
        for (int i = 0; i < count; i++)
        {
            final int index = request.index(i);
            runs += i == 0 || request.index(i - 1) != index - 1 ? 1 : 0;
            payloadLength += block.transactionLength(index);
        }
        if (runs + 4 <= outbound.remaining() - 40)
        {
            return enqueueRanges(slotView, block, hash, hashOffset, request, payloadLength, sequence);
        }
        return enqueueCopy(block, hash, hashOffset, request, payloadLength, sequence);
    }

    private boolean enqueueRanges(
        final ByteBuffer slotView, final BlockView block, final DirectBuffer hash, final int hashOffset,
        final GetBlockTxnFlyweight request, final int payloadLength, final long sequence)
    {
        final int count = request.count();
        final int prefixLength = BlockTxnFlyweight.prefixLength(count);
        final int start = control.reserve(prefixLength + NonceFlyweight.LENGTH + HEADER_LENGTH);
        if (start < 0)
        {
            return false;
        }
        final UnsafeBuffer controlBuffer = control.buffer();
        final int prefixOffset = start + HEADER_LENGTH;
        BlockTxnFlyweight.encodePrefix(controlBuffer, prefixOffset, hash, hashOffset, count);
        sha256d.reset();
        sha256d.update(controlBuffer, prefixOffset, prefixLength);
        forEachRun(block, request, true, null, sequence);
        MessageHeaderFlyweight.write(controlBuffer, start, network.magic(), Command.BLOCKTXN, payloadLength,
            sha256d.finishChecksum());
        control.queue(start, prefixOffset + prefixLength);
        forEachRun(block, request, false, slotView, sequence);
        return true;
    }

    private boolean enqueueCopy(
        final BlockView block, final DirectBuffer hash, final int hashOffset, final GetBlockTxnFlyweight request,
        final int payloadLength, final long sequence)
    {
        if (bulkView != null && outbound.holdsView(bulkView))
        {
            return false; // the previous copied answer is still being written
        }
        final int frameLength = HEADER_LENGTH + payloadLength;
        if (bulk == null || bulk.capacity() < frameLength)
        {
            bulk = BufferUtil.allocateDirectAligned(BitUtil.align(frameLength, 4096), 64);
            bulkView = bulk.duplicate();
            bulkBuffer.wrap(bulk);
        }
        int position = HEADER_LENGTH;
        position += BlockTxnFlyweight.encodePrefix(bulkBuffer, position, hash, hashOffset, request.count());
        final DirectBuffer src = block.buffer();
        for (int i = 0; i < request.count(); i++)
        {
            final int index = request.index(i);
            final int length = block.transactionLength(index);
            bulkBuffer.putBytes(position, src, block.transactionOffset(index), length);
            position += length;
        }
        framer.frame(bulkBuffer, 0, Command.BLOCKTXN, payloadLength);
        outbound.add(bulkView, 0, frameLength, sequence, OutboundQueue.BLOCKTXN);
        return true;
    }

    /**
     * Walk the requested transactions as runs of consecutive ones: hash each run, or queue it.
     */
    private void forEachRun(
        final BlockView block, final GetBlockTxnFlyweight request, final boolean hash, final ByteBuffer slotView,
        final long sequence)
    {
        final int count = request.count();
        int i = 0;
        while (i < count)
        {
            final int first = request.index(i);
            int last = first;
            while (i + 1 < count && request.index(i + 1) == last + 1)
            {
                last = request.index(++i);
            }
            i++;
            final int runStart = block.transactionOffset(first);
            final int runEnd = block.transactionOffset(last) + block.transactionLength(last);
            if (hash)
            {
                sha256d.update(block.buffer(), runStart, runEnd - runStart);
            }
            else
            {
                outbound.add(slotView, runStart, runEnd, sequence, OutboundQueue.BLOCKTXN);
            }
        }
    }
}
