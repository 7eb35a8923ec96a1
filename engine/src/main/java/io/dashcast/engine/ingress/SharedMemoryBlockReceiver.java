package io.dashcast.engine.ingress;

import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The agent that drains the shared-memory queue in the daemon: each {@code doWork()} reads up to
 * a bounded number of records and hands each block to the {@link BlockHandler} as a view into
 * the mapped file, without copying. It also writes the consumer heartbeat (epoch ms) that
 * publishers read, and, when the head has not moved for {@code unblockTimeoutNs} although
 * producers are ahead, turns a record left half-written by a dead producer into padding so the
 * ring flows again. Runs on its own thread (an {@link org.agrona.concurrent.AgentRunner}) or in a
 * composite agent, never on a broadcast loop.
 */
public final class SharedMemoryBlockReceiver implements Agent
{
    /** Default bound on blocks handed on per duty cycle. */
    public static final int DEFAULT_BLOCKS_PER_DUTY_CYCLE = 16;
    /** Default time a stuck record may block the ring before it is skipped: 10 s. */
    public static final long DEFAULT_UNBLOCK_TIMEOUT_NS = 10_000_000_000L;

    /**
     * Receives each block.
     */
    @FunctionalInterface
    public interface BlockHandler
    {
        /**
         * A block read from the ring. The bytes are valid only during this call: they are zeroed
         * and reused once it returns, so copy them (into a broadcast ring slot) before returning.
         *
         * @param buffer the mapped ring.
         * @param offset first byte of the block.
         * @param length bytes of the block.
         */
        void onBlock(DirectBuffer buffer, int offset, int length);
    }

    private final SharedMemoryBlockQueue queue;
    private final RingBuffer ringBuffer;
    private final BlockHandler handler;
    private final ErrorHandler errorHandler;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final long unblockTimeoutNs;
    private final int blocksPerDutyCycle;
    private final MessageHandler onMessage = this::onMessage;
    private long lastHeartbeatMs;
    private long lastConsumerPosition;
    private long lastConsumerPositionChangeNs;
    private long blocksReceived;
    private long unknownRecords;
    private long handlerErrors;
    private long unblocks;

    /**
     * @param queue              the mapped queue (from {@link SharedMemoryBlockQueue#createOrOpen}).
     * @param handler            receives each block.
     * @param errorHandler       told when the handler throws; the block is then counted and skipped.
     * @param epochClock         for the heartbeat.
     * @param nanoClock          for the unblock timeout.
     * @param unblockTimeoutNs   how long a half-written record may hold the ring.
     * @param blocksPerDutyCycle bound on blocks per {@link #doWork()}.
     */
    public SharedMemoryBlockReceiver(
        final SharedMemoryBlockQueue queue,
        final BlockHandler handler,
        final ErrorHandler errorHandler,
        final EpochClock epochClock,
        final NanoClock nanoClock,
        final long unblockTimeoutNs,
        final int blocksPerDutyCycle)
    {
        if (blocksPerDutyCycle < 1 || unblockTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("blocksPerDutyCycle and unblockTimeoutNs must be positive");
        }
        this.queue = queue;
        this.ringBuffer = queue.ringBuffer();
        this.handler = handler;
        this.errorHandler = errorHandler;
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        this.unblockTimeoutNs = unblockTimeoutNs;
        this.blocksPerDutyCycle = blocksPerDutyCycle;
        this.lastConsumerPosition = ringBuffer.consumerPosition();
        this.lastConsumerPositionChangeNs = nanoClock.nanoTime();
    }

    /**
     * @param queue        the mapped queue.
     * @param handler      receives each block.
     * @param errorHandler told when the handler throws.
     * @param epochClock   for the heartbeat.
     * @param nanoClock    for the unblock timeout.
     */
    public SharedMemoryBlockReceiver(
        final SharedMemoryBlockQueue queue,
        final BlockHandler handler,
        final ErrorHandler errorHandler,
        final EpochClock epochClock,
        final NanoClock nanoClock)
    {
        this(queue, handler, errorHandler, epochClock, nanoClock, DEFAULT_UNBLOCK_TIMEOUT_NS, DEFAULT_BLOCKS_PER_DUTY_CYCLE);
    }

    /**
     * Heartbeat, read up to the duty-cycle bound, and check for a stuck producer when idle.
     *
     * @return records read.
     */
    public int doWork()
    {
        heartbeat();
        int read = ringBuffer.read(onMessage, blocksPerDutyCycle);
        if (read < blocksPerDutyCycle)
        {
            // One read stops at the end of the record area (after skipping any padding there);
            // a second picks up records that wrapped to its start.
            read += ringBuffer.read(onMessage, blocksPerDutyCycle - read);
        }
        if (read == 0)
        {
            checkForBlockedProducer();
        }
        return read;
    }

    /**
     * @return {@code dashcast-shm-ingress}.
     */
    public String roleName()
    {
        return "dashcast-shm-ingress";
    }

    /**
     * @return blocks handed to the handler.
     */
    public long blocksReceived()
    {
        return blocksReceived;
    }

    /**
     * @return records of a type other than block, skipped.
     */
    public long unknownRecords()
    {
        return unknownRecords;
    }

    /**
     * @return blocks whose handler threw.
     */
    public long handlerErrors()
    {
        return handlerErrors;
    }

    /**
     * @return times a half-written record was skipped to unblock the ring.
     */
    public long unblocks()
    {
        return unblocks;
    }

    /**
     * @return the queue drained.
     */
    public SharedMemoryBlockQueue queue()
    {
        return queue;
    }

    private void heartbeat()
    {
        final long nowMs = epochClock.time();
        if (nowMs != lastHeartbeatMs)
        {
            lastHeartbeatMs = nowMs;
            ringBuffer.consumerHeartbeatTime(nowMs);
        }
    }

    private void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId != SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID)
        {
            unknownRecords++;
            return;
        }
        blocksReceived++;
        try
        {
            handler.onBlock(buffer, index, length);
        }
        catch (final RuntimeException ex)
        {
            handlerErrors++;
            errorHandler.onError(ex);
        }
    }

    private void checkForBlockedProducer()
    {
        final long nowNs = nanoClock.nanoTime();
        final long consumerPosition = ringBuffer.consumerPosition();
        if (consumerPosition != lastConsumerPosition || ringBuffer.producerPosition() == consumerPosition)
        {
            lastConsumerPosition = consumerPosition;
            lastConsumerPositionChangeNs = nowNs;
        }
        else if (nowNs - lastConsumerPositionChangeNs > unblockTimeoutNs)
        {
            if (ringBuffer.unblock())
            {
                unblocks++;
            }
            lastConsumerPositionChangeNs = nowNs;
        }
    }
}
