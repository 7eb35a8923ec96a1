package io.dashcast.engine.ingress;

import org.agrona.BitUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Reads committed records from the queue's ring as Agrona's {@code controlledRead} does (same
 * layout, same zeroing of what was read, same head update), but checks every record before it is
 * trusted, because the writers are other processes: a record must be at least its 8-byte header
 * and must lie inside the bytes the producers claimed (below the tail) and inside the record area;
 * so must a record still being written (negative length), which the receiver's unblock would
 * otherwise turn into padding of that bad length.
 * Agrona's own read trusts the length: a record longer than the area made it zero past the area
 * and throw before moving the head (the same record failed again on every duty cycle), and one
 * shorter than its header reached the handler with a negative length.
 * <p>
 * A malformed record cannot say where it ends, so the reader keeps every good record before it
 * (handed on and consumed as usual), reports the bad one to the {@link ErrorHandler}, counts it,
 * and skips to the producers' tail as it was when the read began (or to the end of the area, from
 * where the next read goes on at index 0, where a wrapped record always starts). Records claimed
 * in the skipped bytes after the bad one are lost; the error says how many bytes were skipped.
 * Only {@link ControlledMessageHandler.Action#CONTINUE} and
 * {@link ControlledMessageHandler.Action#ABORT} are used by the receiver; {@code BREAK} and
 * {@code COMMIT} are treated as {@code CONTINUE}.
 */
final class SharedMemoryRecordReader
{
    private static final int HEADER_LENGTH = RecordDescriptor.HEADER_LENGTH;
    private static final int ALIGNMENT = RecordDescriptor.ALIGNMENT;

    private final AtomicBuffer buffer;
    private final int capacity;
    private final int headPositionIndex;
    private final int tailPositionIndex;
    private final ErrorHandler errorHandler;
    private long malformedRecords;
    private long bytesSkipped;

    /**
     * @param ringBuffer   the queue's ring, over the mapped file.
     * @param errorHandler told of each malformed record.
     */
    SharedMemoryRecordReader(final RingBuffer ringBuffer, final ErrorHandler errorHandler)
    {
        this.buffer = ringBuffer.buffer();
        this.capacity = ringBuffer.capacity();
        this.headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
        this.tailPositionIndex = capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        this.errorHandler = errorHandler;
    }

    /**
     * Read records from the head up to the tail or the end of the record area, whichever is first.
     *
     * @param handler           receives each record that is not padding.
     * @param messageCountLimit bound on records handed on.
     * @return records handed on and taken (an aborted one does not count).
     */
    int read(final ControlledMessageHandler handler, final int messageCountLimit)
    {
        final long head = buffer.getLong(headPositionIndex);
        final long claimed = buffer.getLongVolatile(tailPositionIndex) - head;
        if (claimed <= 0)
        {
            // Nothing claimed (or positions a writer corrupted): bytes past the tail are never read.
            return 0;
        }
        final int headIndex = (int)head & (capacity - 1);
        // Producers claim whole 8-byte steps: a tail off that step is a writer's error, never passed.
        final int limit = (int)Math.min(claimed & ~(ALIGNMENT - 1), capacity - headIndex);
        int bytesRead = 0;
        int messagesRead = 0;
        try
        {
            while (bytesRead < limit && messagesRead < messageCountLimit)
            {
                final int recordIndex = headIndex + bytesRead;
                final int recordLength = buffer.getIntVolatile(RecordDescriptor.lengthOffset(recordIndex));
                if (isMalformed(recordLength, limit - bytesRead))
                {
                    onMalformed(head + bytesRead, recordLength, limit - bytesRead);
                    bytesRead = limit;
                    break;
                }
                if (recordLength <= 0)
                {
                    // Not written yet (0) or being written (negative): wait for the commit.
                    break;
                }
                final int alignedLength = BitUtil.align(recordLength, ALIGNMENT);
                bytesRead += alignedLength;
                final int typeId = buffer.getInt(RecordDescriptor.typeOffset(recordIndex));
                if (typeId == RingBuffer.PADDING_MSG_TYPE_ID)
                {
                    continue;
                }
                if (handler.onMessage(typeId, buffer, recordIndex + HEADER_LENGTH, recordLength - HEADER_LENGTH) ==
                    ControlledMessageHandler.Action.ABORT)
                {
                    bytesRead -= alignedLength;
                    break;
                }
                messagesRead++;
            }
        }
        finally
        {
            if (bytesRead > 0)
            {
                buffer.setMemory(headIndex, bytesRead, (byte)0);
                buffer.putLongOrdered(headPositionIndex, head + bytesRead);
            }
        }
        return messagesRead;
    }

    /**
     * @return malformed records seen and skipped.
     */
    long malformedRecords()
    {
        return malformedRecords;
    }

    /**
     * @return bytes skipped with them (the bad record and whatever was claimed after it).
     */
    long bytesSkipped()
    {
        return bytesSkipped;
    }

    /**
     * Every record below the tail read at the start was claimed before it, so its length, final
     * (positive) or in progress (negative), aligned to 8, fits in the bytes left; zero means not
     * yet written.
     */
    private static boolean isMalformed(final int recordLength, final int bytesLeft)
    {
        if (recordLength > 0)
        {
            return recordLength < HEADER_LENGTH || aligned(recordLength) > bytesLeft;
        }
        return recordLength < 0 && (recordLength > -HEADER_LENGTH || aligned(-(long)recordLength) > bytesLeft);
    }

    private static long aligned(final long length)
    {
        return (length + ALIGNMENT - 1) & ~(ALIGNMENT - 1L);
    }

    private void onMalformed(final long position, final int recordLength, final int skipBytes)
    {
        malformedRecords++;
        bytesSkipped += skipBytes;
        errorHandler.onError(new SharedMemoryQueueException("malformed record at position " + position +
            ": length " + recordLength + " must be " + HEADER_LENGTH + ".." + skipBytes +
            " (header to the producers' tail or the end of the area); skipped " + skipBytes +
            " bytes, records a writer claimed in them are lost (a writer does not follow the queue's layout)"));
    }
}
