package io.dashcast.fuzz;

import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.engine.ingress.SharedMemoryBlockQueue;
import io.dashcast.engine.ingress.SharedMemoryBlockReceiver;
import io.dashcast.sim.TestBlocks;
import io.dashcast.protocol.Network;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regression tests for what {@link ShmRecordFuzzTest} found in the shared-memory receiver.
 */
class ShmRecordFindingsTest
{
    /** Room for the regtest genesis block (285 bytes) in one record: capacity / 8 = 512. */
    private static final int CAPACITY = 4 * SharedMemoryBlockQueue.MIN_CAPACITY_BYTES;

    @TempDir
    Path dir;

    /**
     * Found by ShmRecordFuzzTest (input {@code finding-record-length-beyond-area}): a writer commits
     * a record whose length (here 0x00fefff0) runs past the record area. Agrona's read hands it on,
     * then zeroes {@code length} bytes from the head and throws IndexOutOfBoundsException out of
     * {@code doWork()}, before moving the head: the same record is read again on every duty cycle,
     * the error repeats forever and no later block is ever read. The receiver must skip such a
     * record (as padding, counted as unknown) and go on with the next one.
     */
    @Test
    void shouldSkipARecordLongerThanTheAreaAndReadTheNextBlock() throws Exception
    {
        final Path file = dir.resolve("q.ring");
        final List<Integer> lengths = new ArrayList<>();
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(file, CAPACITY))
        {
            final MappedByteBuffer mapping;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, CAPACITY + SharedMemoryBlockQueue.TRAILER_LENGTH);
            }
            try
            {
                final UnsafeBuffer writer = new UnsafeBuffer(mapping);
                // A bad writer: tail moved by 16 bytes, the record claims 0x00fefff0 bytes.
                writer.putLong(CAPACITY + org.agrona.concurrent.ringbuffer.RingBufferDescriptor.TAIL_POSITION_OFFSET, 16);
                writer.putInt(0, 0x00fefff0);
                writer.putInt(4, 1);
                final SharedMemoryBlockReceiver receiver = new SharedMemoryBlockReceiver(queue,
                    (buffer, offset, length) -> lengths.add(length), ex -> { }, SystemEpochClock.INSTANCE,
                    SystemNanoClock.INSTANCE);
                assertDoesNotThrow(receiver::doWork);
                final byte[] block = TestBlocks.genesis(Network.REGTEST);
                try (SharedMemoryBlockPublisher publisher = SharedMemoryBlockPublisher.open(file))
                {
                    assertEquals(SharedMemoryBlockPublisher.OfferResult.OK, publisher.offer(block));
                }
                for (int i = 0; i < 3; i++)
                {
                    assertDoesNotThrow(receiver::doWork);
                }
                assertEquals(block.length, lengths.get(lengths.size() - 1), "the next good block is read");
                assertEquals(1, receiver.malformedRecords(), "rejected and counted");
            }
            finally
            {
                IoUtil.unmap(mapping);
            }
        }
    }

    /**
     * Found by ShmRecordFuzzTest (input {@code finding-record-shorter-than-its-header}): a committed
     * record of length 2 (less than its 8-byte header) reaches the block handler with length -6;
     * the daemon's handler then fails on a negative size. The receiver must skip it as malformed.
     */
    @Test
    void shouldNeverHandOnARecordShorterThanItsHeader() throws Exception
    {
        final Path file = dir.resolve("short.ring");
        final List<Integer> lengths = new ArrayList<>();
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(file, CAPACITY))
        {
            final MappedByteBuffer mapping;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, CAPACITY + SharedMemoryBlockQueue.TRAILER_LENGTH);
            }
            try
            {
                final UnsafeBuffer writer = new UnsafeBuffer(mapping);
                writer.putLong(CAPACITY + org.agrona.concurrent.ringbuffer.RingBufferDescriptor.TAIL_POSITION_OFFSET, 8);
                writer.putInt(0, 2);
                writer.putInt(4, 1);
                final SharedMemoryBlockReceiver receiver = new SharedMemoryBlockReceiver(queue,
                    (buffer, offset, length) -> lengths.add(length), ex -> { }, SystemEpochClock.INSTANCE,
                    SystemNanoClock.INSTANCE);
                assertDoesNotThrow(receiver::doWork);
                assertEquals(List.of(), lengths, "no block handed on");
                assertEquals(1, receiver.malformedRecords(), "rejected and counted");
            }
            finally
            {
                IoUtil.unmap(mapping);
            }
        }
    }
}
