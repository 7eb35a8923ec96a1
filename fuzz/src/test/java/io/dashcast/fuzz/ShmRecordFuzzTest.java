package io.dashcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dashcast.engine.ingress.SharedMemoryBlockQueue;
import io.dashcast.engine.ingress.SharedMemoryBlockReceiver;
import io.dashcast.engine.ingress.SharedMemoryQueueException;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.ProtocolException;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared-memory queue as a buggy or hostile writer on the host can leave it: the input becomes
 * the record area and the three positions of the trailer (tail, head cache, head), written through
 * a second mapping of the daemon's file; then the daemon's {@link SharedMemoryBlockReceiver} drains
 * it with a handler that does what the daemon's does (walk the block, copy it out).
 * <p>
 * Input layout: bytes 0..23 the tail, head-cache and head positions (little-endian int64, masked to
 * a few laps of the ring), bytes 24.. the record area (zero-filled past the input).
 * <p>
 * The receiver must not throw out of {@code doWork()}, must never hand the handler bytes outside
 * the record area, and must not write outside it (the trailer's producer fields stay as written).
 * Malformed records (a length shorter than the header or past the tail or the area, the two
 * findings of {@link ShmRecordFindingsTest}) are the receiver's to reject and count, so no input
 * is skipped here.
 */
class ShmRecordFuzzTest
{
    private static final int CAPACITY = SharedMemoryBlockQueue.MIN_CAPACITY_BYTES;
    private static final HangWatchdog WATCHDOG = new HangWatchdog("ShmRecordFuzzTest");

    private static Path file;
    private static SharedMemoryBlockQueue queue;
    private static MappedByteBuffer writerMapping;
    private static UnsafeBuffer writer;

    private final BlockView block = new BlockView();
    private final byte[] copy = new byte[CAPACITY];
    private final AtomicReference<Throwable> handlerError = new AtomicReference<>();

    @BeforeAll
    static void mapQueue() throws IOException
    {
        final Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        file = dir.resolve("dashcast-fuzz-" + ProcessHandle.current().pid() + ".ring");
        queue = SharedMemoryBlockQueue.createOrOpen(file, CAPACITY);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            writerMapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, CAPACITY + SharedMemoryBlockQueue.TRAILER_LENGTH);
        }
        writer = new UnsafeBuffer(writerMapping);
    }

    @AfterAll
    static void unmapQueue() throws IOException
    {
        queue.close();
        IoUtil.unmap(writerMapping);
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "10s")
    void records(final byte[] data)
    {
        WATCHDOG.begin(data);
        SharedMemoryBlockReceiver receiver = null;
        try
        {
            final long[] positions = lay(data);
            receiver = new SharedMemoryBlockReceiver(queue, this::onBlock,
                this::onError, SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE,
                SharedMemoryBlockReceiver.DEFAULT_UNBLOCK_TIMEOUT_NS, SharedMemoryBlockReceiver.DEFAULT_BLOCKS_PER_DUTY_CYCLE);
            for (int i = 0; i < 4; i++)
            {
                receiver.doWork();
            }
            if (handlerError.get() != null)
            {
                throw new AssertionError("the handler failed on a record the receiver handed on", handlerError.get());
            }
            final long tail = writer.getLong(CAPACITY + RingBufferDescriptor.TAIL_POSITION_OFFSET);
            if (tail != positions[0])
            {
                throw new AssertionError("the consumer overwrote the producers' tail: " + positions[0] + " -> " + tail);
            }
            final long head = writer.getLong(CAPACITY + RingBufferDescriptor.HEAD_POSITION_OFFSET);
            final boolean claimed = positions[0] > positions[2];
            if (claimed ? head < positions[2] || head > positions[0] : head != positions[2])
            {
                throw new AssertionError("the head left [head, tail]: head " + positions[2] + " -> " + head +
                    ", tail " + positions[0]);
            }
        }
        finally
        {
            if (receiver != null)
            {
                // Releases the queue file's consumer lock, so the next input's reader can take it.
                receiver.onClose();
            }
            handlerError.set(null);
            WATCHDOG.end();
        }
    }

    /**
     * A malformed record is the receiver's to report (it says so and skips it); anything else told
     * to the error handler is a failure of the handler on a record the receiver handed on.
     */
    private void onError(final Throwable error)
    {
        if (!(error instanceof SharedMemoryQueueException) || !error.getMessage().startsWith("malformed record at position "))
        {
            handlerError.set(error);
        }
    }

    private long[] lay(final byte[] data)
    {
        final long mask = 4L * CAPACITY - 1;
        final long[] positions = new long[3];
        for (int i = 0; i < 3; i++)
        {
            long value = 0;
            for (int b = 0; b < 8 && i * 8 + b < data.length; b++)
            {
                value |= (data[i * 8 + b] & 0xffL) << (8 * b);
            }
            positions[i] = value & mask;
        }
        writer.setMemory(0, CAPACITY + SharedMemoryBlockQueue.TRAILER_LENGTH, (byte)0);
        if (data.length > 24)
        {
            writer.putBytes(0, data, 24, Math.min(CAPACITY, data.length - 24));
        }
        writer.putLong(CAPACITY + RingBufferDescriptor.TAIL_POSITION_OFFSET, positions[0]);
        writer.putLong(CAPACITY + RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET, positions[1]);
        writer.putLong(CAPACITY + RingBufferDescriptor.HEAD_POSITION_OFFSET, positions[2]);
        return positions;
    }

    /**
     * What the daemon's handler does with a record: validate it as a block and copy it out.
     */
    private void onBlock(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset + length > CAPACITY)
        {
            throw new AssertionError("record handed on outside the record area: offset " + offset + ", length " + length);
        }
        try
        {
            block.wrap(buffer, offset, length);
        }
        catch (final ProtocolException refused)
        {
            // INVALID_BLOCK: refused and reported, as the broadcaster does.
        }
        buffer.getBytes(offset, copy, 0, length);
    }
}
