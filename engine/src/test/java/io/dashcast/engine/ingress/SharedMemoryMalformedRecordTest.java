package io.dashcast.engine.ingress;

import io.dashcast.engine.ingress.SharedMemoryBlockPublisher.OfferResult;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records a buggy writer leaves in the queue: each is reported and counted, the good records ahead
 * of it in the same read are handed on exactly once, the head moves past it, and later blocks flow.
 */
@Timeout(30)
class SharedMemoryMalformedRecordTest
{
    private static final int CAPACITY = 4096;

    @TempDir
    Path dir;

    private final List<byte[]> received = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final CachedNanoClock nanoClock = new CachedNanoClock();

    @Test
    void shouldHandOnGoodRecordsAheadOfABadOneBehindPaddingInTheSameReadExactlyOnce()
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), CAPACITY))
        {
            final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
            assertEquals(OfferResult.OK, publisher.offer(SharedMemoryBlockQueueTest.numberedBlock(1)));
            rawRecord(queue, 64, RingBuffer.PADDING_MSG_TYPE_ID, 64);
            // Claims 32 bytes and says it holds 40,000.
            rawRecord(queue, 40_000, SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID, 32);
            final SharedMemoryBlockReceiver receiver = receiver(queue);

            assertEquals(1, assertDoesNotThrow(receiver::doWork));
            assertEquals(1, received.size());
            assertArrayEquals(SharedMemoryBlockQueueTest.numberedBlock(1), received.get(0));
            assertEquals(1, receiver.malformedRecords());
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).getMessage().contains("malformed record at position"), errors.get(0).getMessage());
            assertEquals(0, queue.sizeBytes(), "the head moved past the bad record");

            assertEquals(0, receiver.doWork(), "nothing read twice");
            assertEquals(OfferResult.OK, publisher.offer(SharedMemoryBlockQueueTest.numberedBlock(2)));
            assertEquals(1, receiver.doWork());
            assertArrayEquals(SharedMemoryBlockQueueTest.numberedBlock(2), received.get(1));
            assertEquals(1, receiver.malformedRecords());
        }
    }

    @Test
    void shouldSkipABadRecordAtTheEndOfTheAreaAndReadTheRecordsThatWrapped()
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), CAPACITY))
        {
            final AtomicBuffer buffer = queue.ringBuffer().buffer();
            final long start = CAPACITY - 64;
            buffer.putLong(CAPACITY + RingBufferDescriptor.TAIL_POSITION_OFFSET, start);
            buffer.putLong(CAPACITY + RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET, start);
            buffer.putLong(CAPACITY + RingBufferDescriptor.HEAD_POSITION_OFFSET, start);
            // Its 64 bytes to the end, but a length of 1,000.
            rawRecord(queue, 1_000, SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID, 64);
            final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
            assertEquals(OfferResult.OK, publisher.offer(SharedMemoryBlockQueueTest.numberedBlock(3)));
            final SharedMemoryBlockReceiver receiver = receiver(queue);

            assertEquals(1, assertDoesNotThrow(receiver::doWork));
            assertArrayEquals(SharedMemoryBlockQueueTest.numberedBlock(3), received.get(0));
            assertEquals(1, receiver.malformedRecords());
            assertEquals(0, queue.sizeBytes());
        }
    }

    @Test
    void shouldSkipARecordBeingWrittenWithALengthNoClaimCouldHave()
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), CAPACITY))
        {
            // Agrona's unblock would turn -MIN_VALUE (itself) into "padding" and the ring would stay stuck.
            rawRecord(queue, Integer.MIN_VALUE, SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID, 16);
            rawRecord(queue, -4, SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID, 8);
            final SharedMemoryBlockReceiver receiver = receiver(queue);
            assertEquals(0, assertDoesNotThrow(receiver::doWork));
            assertEquals(0, queue.sizeBytes());
            assertEquals(1, receiver.malformedRecords(), "one read, one skip to the tail");
            final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
            assertEquals(OfferResult.OK, publisher.offer(SharedMemoryBlockQueueTest.numberedBlock(4)));
            assertEquals(1, receiver.doWork());
            assertArrayEquals(SharedMemoryBlockQueueTest.numberedBlock(4), received.get(0));
        }
    }

    @Test
    void shouldLeaveARecordStillBeingWrittenForItsCommit()
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), CAPACITY))
        {
            final RingBuffer ring = queue.ringBuffer();
            final int index = ring.tryClaim(SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID, 100);
            final SharedMemoryBlockReceiver receiver = receiver(queue);
            assertEquals(0, receiver.doWork());
            assertEquals(0, receiver.malformedRecords());
            ring.buffer().putBytes(index, SharedMemoryBlockQueueTest.numberedBlock(5), 0, 100);
            ring.commit(index);
            assertEquals(1, receiver.doWork());
            assertEquals(100, received.get(0).length);
        }
    }

    private SharedMemoryBlockReceiver receiver(final SharedMemoryBlockQueue queue)
    {
        return new SharedMemoryBlockReceiver(queue, this::onBlock, errors::add, epochClock, nanoClock);
    }

    private void onBlock(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        received.add(copy);
    }

    /**
     * What a writer that does not follow the layout leaves: a header at the tail, the tail moved on.
     */
    private static void rawRecord(final SharedMemoryBlockQueue queue, final int length, final int type, final int claimed)
    {
        final AtomicBuffer buffer = queue.ringBuffer().buffer();
        final int tailIndex = CAPACITY + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        final long tail = buffer.getLong(tailIndex);
        final int index = (int)(tail & (CAPACITY - 1));
        buffer.putInt(index, length);
        buffer.putInt(index + 4, type);
        buffer.putLong(tailIndex, tail + claimed);
    }
}
