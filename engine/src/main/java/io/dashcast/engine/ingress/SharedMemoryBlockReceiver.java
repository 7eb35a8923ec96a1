package io.dashcast.engine.ingress;

import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.EpochClock;
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
 * <p>
 * The queue is the buffer: a {@link ControlledBlockHandler} that cannot take a block now (the
 * broadcast ring is full) leaves it in the queue, and it is offered again on the next duty cycle,
 * so back-pressure reaches the publishers instead of dropping blocks they were told were queued.
 * Every record is checked before it is trusted ({@link SharedMemoryRecordReader}): a malformed
 * one is reported to the error handler, counted ({@link #malformedRecords()}) and skipped, after
 * the good records ahead of it were handed on; the reader never throws and never re-reads it.
 * Only one consumer may read a queue file: the receiver holds a {@link SharedMemoryConsumerLock}
 * from construction until {@link #onClose()}.
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

    /**
     * Receives each block and may refuse it for now.
     */
    @FunctionalInterface
    public interface ControlledBlockHandler
    {
        /**
         * A block read from the ring, valid only during this call.
         *
         * @param buffer the mapped ring.
         * @param offset first byte of the block.
         * @param length bytes of the block.
         * @return true when taken (or refused for good); false to leave it in the queue and stop
         * reading for this duty cycle (e.g. the broadcast ring is full).
         */
        boolean onBlock(DirectBuffer buffer, int offset, int length);
    }

    private final SharedMemoryBlockQueue queue;
    private final RingBuffer ringBuffer;
    private final ControlledBlockHandler handler;
    private final SharedMemoryConsumerLock lock;
    private final ErrorHandler errorHandler;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final long unblockTimeoutNs;
    private final int blocksPerDutyCycle;
    private final SharedMemoryRecordReader reader;
    private final ControlledMessageHandler onMessage = this::onMessage;
    private boolean backPressured;
    private long backPressureEvents;
    private long lastHeartbeatMs;
    private long lastConsumerPosition;
    private long lastConsumerPositionChangeNs;
    private long blocksReceived;
    private long unknownRecords;
    private long handlerErrors;
    private long unblocks;

    /**
     * @param queue              the mapped queue (from {@link SharedMemoryBlockQueue#createOrOpen}).
     * @param handler            receives each block, or leaves it in the queue for later.
     * @param errorHandler       told when the handler throws or a record is malformed; either is
     *                           then counted and skipped.
     * @param epochClock         for the heartbeat.
     * @param nanoClock          for the unblock timeout.
     * @param unblockTimeoutNs   how long a half-written record may hold the ring.
     * @param blocksPerDutyCycle bound on blocks per {@link #doWork()}.
     */
    private SharedMemoryBlockReceiver(
        final ControlledBlockHandler handler,
        final SharedMemoryBlockQueue queue,
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
        this.lock = SharedMemoryConsumerLock.acquire(queue.path());
        this.queue = queue;
        this.ringBuffer = queue.ringBuffer();
        this.reader = new SharedMemoryRecordReader(ringBuffer, errorHandler);
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
     * As the controlled form, with a handler that takes every block.
     *
     * @param queue              the mapped queue.
     * @param handler            receives each block.
     * @param errorHandler       told when the handler throws.
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
        this(taking(handler), queue, errorHandler, epochClock, nanoClock, unblockTimeoutNs, blocksPerDutyCycle);
    }

    /**
     * A receiver whose handler may leave a block in the queue for a later duty cycle.
     *
     * @param queue              the mapped queue (from {@link SharedMemoryBlockQueue#createOrOpen}).
     * @param handler            receives each block, or leaves it in the queue for later.
     * @param errorHandler       told when the handler throws; the block is then counted and skipped.
     * @param epochClock         for the heartbeat.
     * @param nanoClock          for the unblock timeout.
     * @param unblockTimeoutNs   how long a half-written record may hold the ring.
     * @param blocksPerDutyCycle bound on blocks per {@link #doWork()}.
     * @return the receiver, holding the queue's consumer lock.
     * @throws SharedMemoryQueueException when another consumer reads the queue.
     */
    public static SharedMemoryBlockReceiver controlled(
        final SharedMemoryBlockQueue queue,
        final ControlledBlockHandler handler,
        final ErrorHandler errorHandler,
        final EpochClock epochClock,
        final NanoClock nanoClock,
        final long unblockTimeoutNs,
        final int blocksPerDutyCycle)
    {
        return new SharedMemoryBlockReceiver(
            handler, queue, errorHandler, epochClock, nanoClock, unblockTimeoutNs, blocksPerDutyCycle);
    }

    /**
     * As {@link #controlled(SharedMemoryBlockQueue, ControlledBlockHandler, ErrorHandler, EpochClock,
     * NanoClock, long, int)} with the default time-out and bound.
     *
     * @param queue        the mapped queue.
     * @param handler      receives each block, or leaves it in the queue for later.
     * @param errorHandler told when the handler throws.
     * @param epochClock   for the heartbeat.
     * @param nanoClock    for the unblock timeout.
     * @return the receiver, holding the queue's consumer lock.
     */
    public static SharedMemoryBlockReceiver controlled(
        final SharedMemoryBlockQueue queue,
        final ControlledBlockHandler handler,
        final ErrorHandler errorHandler,
        final EpochClock epochClock,
        final NanoClock nanoClock)
    {
        return controlled(queue, handler, errorHandler, epochClock, nanoClock, DEFAULT_UNBLOCK_TIMEOUT_NS,
            DEFAULT_BLOCKS_PER_DUTY_CYCLE);
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
        this(taking(handler), queue, errorHandler, epochClock, nanoClock, DEFAULT_UNBLOCK_TIMEOUT_NS,
            DEFAULT_BLOCKS_PER_DUTY_CYCLE);
    }

    private static ControlledBlockHandler taking(final BlockHandler handler)
    {
        return (buffer, offset, length) ->
        {
            handler.onBlock(buffer, offset, length);
            return true;
        };
    }

    /**
     * Heartbeat, read up to the duty-cycle bound, and check for a stuck producer when idle.
     *
     * @return records read.
     */
    public int doWork()
    {
        heartbeat();
        backPressured = false;
        int read = reader.read(onMessage, blocksPerDutyCycle);
        if (read < blocksPerDutyCycle && !backPressured)
        {
            // One read stops at the end of the record area (after skipping any padding there);
            // a second picks up records that wrapped to its start.
            read += reader.read(onMessage, blocksPerDutyCycle - read);
        }
        if (read == 0 && !backPressured)
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
     * @return records whose length a writer got wrong (shorter than the header, or running past the
     * producers' tail or the end of the area): each reported to the error handler and skipped.
     */
    public long malformedRecords()
    {
        return reader.malformedRecords();
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
     * @return times a block was left in the queue because the handler could not take it yet.
     */
    public long backPressureEvents()
    {
        return backPressureEvents;
    }

    /**
     * Release the consumer lock so another reader may take the queue.
     */
    @Override
    public void onClose()
    {
        lock.close();
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

    private ControlledMessageHandler.Action onMessage(
        final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId != SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID)
        {
            unknownRecords++;
            return ControlledMessageHandler.Action.CONTINUE;
        }
        try
        {
            if (!handler.onBlock(buffer, index, length))
            {
                // Left in the queue: offered again next cycle, the queue holding it meanwhile.
                backPressured = true;
                backPressureEvents++;
                return ControlledMessageHandler.Action.ABORT;
            }
        }
        catch (final RuntimeException ex)
        {
            handlerErrors++;
            errorHandler.onError(ex);
        }
        blocksReceived++;
        return ControlledMessageHandler.Action.CONTINUE;
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
