package io.dashcast.engine.ingress;

import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The shared-memory block queue: an Agrona {@link ManyToOneRingBuffer} laid over a memory-mapped
 * file, so that any process on the host can write blocks that the dashcast daemon reads. This
 * class maps the file (the daemon {@link #createOrOpen creates} it, writers {@link #open open}
 * it) and is the reference for its layout, which is Agrona's, unchanged:
 * <pre>
 * File of C + 768 bytes; C, the record area, is a power of two (default 16 MiB).
 * All integers are little-endian (the native order of x86-64 and aarch64).
 *
 *  0                                                        C             C + 768
 *  +--------------------------------------------------------+-------------+
 *  |            record area: C bytes, used circularly       |   trailer   |
 *  +--------------------------------------------------------+-------------+
 *
 * Trailer (offsets from C; each counter alone on a 128-byte stretch, the rest zero)
 *  C +   0  .. 127  padding
 *  C + 128  int64   tail position        next byte producers will claim; producers CAS it
 *  C + 256  int64   head cache position  producers' cached copy of the head position
 *  C + 384  int64   head position        bytes the consumer has read; only it writes
 *  C + 512  int64   correlation counter  unused by dashcast
 *  C + 640  int64   consumer heartbeat   epoch ms, written by the consumer while polling
 *  C + 648  .. 767  padding
 *
 * Positions only grow; the byte index of a position is (position &amp; (C - 1)).
 *
 * Record, at an 8-byte aligned index in the record area
 *  0         4         8
 *  +---------+---------+-------------------------------+---------------+
 *  | length  | type    | payload: length - 8 bytes     | zero to 8n    |
 *  | int32   | int32   |                               |               |
 *  +---------+---------+-------------------------------+---------------+
 *  length: header + payload bytes (8 + payload), alignment excluded. Negative while the
 *          record is being written, positive once committed; 0 means nothing written yet.
 *  type:   1 = block, the payload is one serialized block (the payload of a P2P 'block'
 *              message: 80-byte header, tx count, transactions; no P2P frame header);
 *         -1 = padding, skip it; any other type is skipped and counted by the consumer.
 *  A record occupies align(length, 8) bytes. A payload holds at most C / 8 bytes
 *  (2 MiB for the default C, above Dash's 2,000,000-byte block limit).
 * </pre>
 * Claim protocol, for a writer in C, Rust or Python (this is what
 * {@link ManyToOneRingBuffer#tryClaim} and {@link ManyToOneRingBuffer#commit} do): with
 * {@code required = align(payload + 8, 8)}, read the head cache; loop { read tail (acquire); if
 * {@code required > C - (tail - head)} re-read the head position, return FULL if still short,
 * else store it to the head cache; if the record would cross the end of the area
 * ({@code required > C - (tail & (C-1))}) it goes at index 0 instead, which needs
 * {@code required <= head & (C-1)} (re-read head once; if still short, claim only the padding and
 * report FULL), and the {@code C - (tail & (C-1))} bytes to the end become a padding record;
 * CAS tail from {@code tail} to {@code tail + required (+ padding)}, retry the loop on failure }.
 * Then write a padding record if any (length {@code -padding} with release, type -1, length
 * {@code +padding} with release), and the record: store length {@code -(payload + 8)} with
 * release semantics, a release fence, type 1, the payload bytes, then length
 * {@code +(payload + 8)} with release semantics: that store commits it. The consumer reads
 * records from the head while their length is positive, then zeroes what it read and advances
 * the head position (release). A writer that dies between its CAS and its commit blocks the
 * ring until the receiver's unblock timeout turns its record into padding.
 */
public final class SharedMemoryBlockQueue implements AutoCloseable
{
    /** Record type of a block. */
    public static final int BLOCK_MSG_TYPE_ID = 1;
    /** Bytes after the record area: Agrona's {@link RingBufferDescriptor#TRAILER_LENGTH} (768). */
    public static final int TRAILER_LENGTH = RingBufferDescriptor.TRAILER_LENGTH;
    /** Bytes of a record header: length and type. */
    public static final int RECORD_HEADER_LENGTH = RecordDescriptor.HEADER_LENGTH;
    /** Default record area: 16 MiB, so one record may hold 2 MiB, a maximum-size Dash block. */
    public static final int DEFAULT_CAPACITY_BYTES = 16 * 1024 * 1024;
    private static final int ZERO_CHUNK_BYTES = 64 * 1024;
    /** Smallest record area accepted. */
    public static final int MIN_CAPACITY_BYTES = 1024;
    /** Largest record area accepted. */
    public static final int MAX_CAPACITY_BYTES = 1 << 30;
    /** File name in the default directory. */
    public static final String DEFAULT_FILE_NAME = "dashcast-blocks.ring";

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final ManyToOneRingBuffer ringBuffer;
    private volatile boolean closed;

    private SharedMemoryBlockQueue(final Path path, final MappedByteBuffer mapped)
    {
        this.path = path;
        this.mapped = mapped;
        // Map every page in now: a page first touched by a block costs a fault, 7-8 us on these
        // VMs, and the first blocks after start would pay 256 of them per MiB.
        mapped.load();
        this.buffer = new UnsafeBuffer(mapped);
        this.ringBuffer = new ManyToOneRingBuffer(buffer);
    }

    /**
     * @return {@code /dev/shm/dashcast-blocks.ring} when {@code /dev/shm} exists, else the same
     * name in {@code java.io.tmpdir}.
     */
    public static Path defaultPath()
    {
        final Path shm = Paths.get("/dev/shm");
        final Path dir = Files.isDirectory(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        return dir.resolve(DEFAULT_FILE_NAME);
    }

    /**
     * The consumer's side: create the file (mode 0600 where POSIX permissions exist) or, when it
     * already exists with the same capacity, map it as it is, so writers that already mapped it
     * keep working and blocks written while no consumer ran are still delivered.
     *
     * @param path          the file.
     * @param capacityBytes record area, a power of two in [{@link #MIN_CAPACITY_BYTES}, {@link #MAX_CAPACITY_BYTES}].
     * @return the mapped queue.
     * @throws SharedMemoryQueueException when the capacity is invalid, the file has another
     *                                    length, or it cannot be created or mapped.
     */
    public static SharedMemoryBlockQueue createOrOpen(final Path path, final int capacityBytes)
    {
        checkCapacity(capacityBytes);
        final long fileLength = (long)capacityBytes + TRAILER_LENGTH;
        try
        {
            createFile(path);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                final long size = channel.size();
                if (size == 0)
                {
                    // A new file: every byte zero is an empty ring. Written whole rather than extended
                    // sparse, so its pages exist before the first block (which would otherwise allocate
                    // them one fault at a time), and before a writer can see the full length.
                    writeZeros(channel, fileLength);
                }
                else if (size != fileLength)
                {
                    throw new SharedMemoryQueueException("shared-memory queue " + path + " has " + size +
                        " bytes, expected " + fileLength + " for a capacity of " + capacityBytes + "; remove it or use its capacity");
                }
                return new SharedMemoryBlockQueue(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength));
            }
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryQueueException("cannot create shared-memory queue " + path + ": " + describe(ex));
        }
    }

    private static void writeZeros(final FileChannel channel, final long length) throws IOException
    {
        final java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(ZERO_CHUNK_BYTES);
        long position = 0;
        while (position < length)
        {
            zeros.clear().limit((int)Math.min(ZERO_CHUNK_BYTES, length - position));
            position += channel.write(zeros, position);
        }
    }

    /**
     * The writer's side: map an existing queue file; its capacity follows from its length.
     *
     * @param path the file the daemon created.
     * @return the mapped queue.
     * @throws SharedMemoryQueueException when the file is missing, unreadable or not a ring.
     */
    public static SharedMemoryBlockQueue open(final Path path)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final long size = channel.size();
            final long capacity = size - TRAILER_LENGTH;
            if (capacity < MIN_CAPACITY_BYTES || capacity > MAX_CAPACITY_BYTES || !BitUtil.isPowerOfTwo((int)capacity))
            {
                throw new SharedMemoryQueueException("shared-memory queue " + path + " has " + size +
                    " bytes, not a power of two plus " + TRAILER_LENGTH + ": not a dashcast queue");
            }
            return new SharedMemoryBlockQueue(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
        }
        catch (final NoSuchFileException ex)
        {
            throw new SharedMemoryQueueException("no shared-memory queue at " + path + " (is the dashcast daemon running?)");
        }
        catch (final IOException ex)
        {
            throw new SharedMemoryQueueException("cannot open shared-memory queue " + path + ": " + describe(ex));
        }
    }

    /**
     * @return the mapped file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return bytes in the record area.
     */
    public int capacityBytes()
    {
        return ringBuffer.capacity();
    }

    /**
     * @return the largest block one record can hold: capacity / 8.
     */
    public int maxBlockLength()
    {
        return ringBuffer.maxMsgLength();
    }

    /**
     * @return bytes written and not yet consumed.
     */
    public int sizeBytes()
    {
        return ringBuffer.size();
    }

    /**
     * @return the ring over the mapping, for the publisher and the receiver.
     */
    RingBuffer ringBuffer()
    {
        return ringBuffer;
    }

    /**
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Unmap the file (it stays, for other processes). Call only once no thread of this process
     * uses the queue any more: touching an unmapped buffer crashes the JVM. Idempotent.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }

    private static void checkCapacity(final int capacityBytes)
    {
        if (capacityBytes < MIN_CAPACITY_BYTES || capacityBytes > MAX_CAPACITY_BYTES || !BitUtil.isPowerOfTwo(capacityBytes))
        {
            throw new SharedMemoryQueueException("shared-memory queue capacity " + capacityBytes +
                " must be a power of two between " + MIN_CAPACITY_BYTES + " and " + MAX_CAPACITY_BYTES);
        }
    }

    private static void createFile(final Path path) throws IOException
    {
        try
        {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix"))
            {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            else
            {
                Files.createFile(path);
            }
        }
        catch (final FileAlreadyExistsException ex)
        {
            // Reuse it: checked against the capacity by the caller.
        }
    }

    static String describe(final IOException ex)
    {
        final String message = ex.getMessage();
        final String kind = ex.getClass().getSimpleName().replace("Exception", "");
        return message == null ? kind : kind + " " + message;
    }
}
