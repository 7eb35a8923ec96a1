package io.dashcast.engine.ingress;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.nio.file.Path;

/**
 * Writes blocks into a {@link SharedMemoryBlockQueue} from another Java process (or thread).
 * Thread safe: any number of publishers, in any number of processes, may write at once; each
 * {@code offer} claims a record with one CAS, copies the block once and commits it. Never blocks.
 * A full ring is reported to the caller as {@link OfferResult#FULL}; nothing is dropped silently.
 * <p>
 * An offer that returns {@link OfferResult#OK} is in shared memory: it survives the writer's
 * exit and a daemon restart (the daemon re-maps the file and delivers it). Whether a consumer is
 * polling at all can be read from its heartbeat, {@link #consumerHeartbeatAgeMs(long)}.
 */
public final class SharedMemoryBlockPublisher implements AutoCloseable
{
    private static final int TOO_LARGE_INDEX = Integer.MIN_VALUE;

    /** The outcome of one offer. */
    public enum OfferResult
    {
        /** Committed to the ring. */
        OK,
        /** Not written: the ring has no room now; the consumer is behind or not running. */
        FULL,
        /** Not written: the block is longer than one record can hold (capacity / 8). */
        TOO_LARGE
    }

    private final SharedMemoryBlockQueue queue;
    private final RingBuffer ringBuffer;
    private final AtomicBuffer buffer;
    private final boolean ownsQueue;

    /**
     * Publish into a queue mapped by the caller, who closes it.
     *
     * @param queue the mapped queue.
     */
    public SharedMemoryBlockPublisher(final SharedMemoryBlockQueue queue)
    {
        this(queue, false);
    }

    private SharedMemoryBlockPublisher(final SharedMemoryBlockQueue queue, final boolean ownsQueue)
    {
        this.queue = queue;
        this.ringBuffer = queue.ringBuffer();
        this.buffer = ringBuffer.buffer();
        this.ownsQueue = ownsQueue;
    }

    /**
     * Map an existing queue file and publish into it; {@link #close()} unmaps it.
     *
     * @param path the queue file the daemon created.
     * @return the publisher.
     * @throws SharedMemoryQueueException when the file is missing or not a queue.
     */
    public static SharedMemoryBlockPublisher open(final Path path)
    {
        return new SharedMemoryBlockPublisher(SharedMemoryBlockQueue.open(path), true);
    }

    /**
     * @param block a whole serialized block.
     * @return OK, FULL or TOO_LARGE.
     */
    public OfferResult offer(final byte[] block)
    {
        return offer(block, 0, block.length);
    }

    /**
     * @param block  array holding a serialized block.
     * @param offset its first byte.
     * @param length its bytes, at least 1.
     * @return OK, FULL or TOO_LARGE.
     */
    public OfferResult offer(final byte[] block, final int offset, final int length)
    {
        final int index = claim(length);
        if (index < 0)
        {
            return index == TOO_LARGE_INDEX ? OfferResult.TOO_LARGE : OfferResult.FULL;
        }
        buffer.putBytes(index, block, offset, length);
        ringBuffer.commit(index);
        return OfferResult.OK;
    }

    /**
     * @param block  buffer holding a serialized block.
     * @param offset its first byte.
     * @param length its bytes, at least 1.
     * @return OK, FULL or TOO_LARGE.
     */
    public OfferResult offer(final DirectBuffer block, final int offset, final int length)
    {
        final int index = claim(length);
        if (index < 0)
        {
            return index == TOO_LARGE_INDEX ? OfferResult.TOO_LARGE : OfferResult.FULL;
        }
        buffer.putBytes(index, block, offset, length);
        ringBuffer.commit(index);
        return OfferResult.OK;
    }

    /**
     * Claims room for one record of {@code length} bytes.
     *
     * @return the record's index in the queue, {@link #TOO_LARGE_INDEX}, or another negative value when full.
     */
    private int claim(final int length)
    {
        checkLength(length);
        if (length > ringBuffer.maxMsgLength())
        {
            return TOO_LARGE_INDEX;
        }
        return ringBuffer.tryClaim(SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID, length);
    }

    /**
     * @return the largest block one offer can carry.
     */
    public int maxBlockLength()
    {
        return ringBuffer.maxMsgLength();
    }

    /**
     * @param nowMs the current epoch time in milliseconds.
     * @return milliseconds since the consumer last polled, or {@link Long#MAX_VALUE} if it never did.
     */
    public long consumerHeartbeatAgeMs(final long nowMs)
    {
        final long heartbeat = ringBuffer.consumerHeartbeatTime();
        return heartbeat == 0 ? Long.MAX_VALUE : Math.max(0, nowMs - heartbeat);
    }

    /**
     * @return the queue written to.
     */
    public SharedMemoryBlockQueue queue()
    {
        return queue;
    }

    /**
     * Unmap the queue if this publisher opened it. Idempotent.
     */
    public void close()
    {
        if (ownsQueue)
        {
            queue.close();
        }
    }

    private static void checkLength(final int length)
    {
        if (length < 1)
        {
            throw new IllegalArgumentException("a block has at least one byte, got length " + length);
        }
    }
}
