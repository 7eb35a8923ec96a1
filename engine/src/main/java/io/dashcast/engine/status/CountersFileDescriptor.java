package io.dashcast.engine.status;

import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Layout of the counters file (the dashcast analogue of Aeron's CnC file): a header, then an Agrona
 * {@link org.agrona.concurrent.status.CountersManager}'s metadata and values buffers, so any process
 * can map it and read every counter with a {@link CountersReader} while the daemon writes.
 * <pre>
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | magic 'DCST'      | version           |   magic is stored last (ordered): a reader that
 *   +-------------------+-------------------+   sees it sees a complete header
 *   | pid (int64)                           | 8
 *   +---------------------------------------+
 *   | start time, epoch ms (int64)          | 16
 *   +-------------------+-------------------+
 *   | metadata length   | values length     | 24
 *   +-------------------+-------------------+
 *   | heartbeat, epoch ms (int64)           | 32   written by the daemon's sampler
 *   +---------------------------------------+
 *   | reserved up to 128 bytes              | 40
 *   +---------------------------------------+
 *   | counters metadata (512 B per counter) | 128
 *   +---------------------------------------+
 *   | counters values (128 B per counter)   | 128 + metadata length
 *   +---------------------------------------+
 * </pre>
 * Little-endian (native) integers. Counter type ids: {@link SystemCounterDescriptor#TYPE_ID} (key:
 * int32 descriptor id), {@link PeerCounterDescriptor#TYPE_ID} (key: int32 peer index, int32
 * descriptor id).
 */
public final class CountersFileDescriptor
{
    /** 'DCST' little-endian. */
    public static final int MAGIC = 0x54534344;
    /** Layout version. */
    public static final int VERSION = 1;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int PID_OFFSET = 8;
    public static final int START_MS_OFFSET = 16;
    public static final int METADATA_LENGTH_OFFSET = 24;
    public static final int VALUES_LENGTH_OFFSET = 28;
    public static final int HEARTBEAT_MS_OFFSET = 32;
    /** Bytes before the metadata buffer. */
    public static final int HEADER_LENGTH = 128;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param maxCounters counters the file must hold.
     * @return values buffer length for them.
     */
    public static int valuesLength(final int maxCounters)
    {
        return BitUtil.align(Math.max(1, maxCounters) * CountersReader.COUNTER_LENGTH, 4096);
    }

    /**
     * @param valuesLength values buffer length.
     * @return matching metadata buffer length.
     */
    public static int metadataLength(final int valuesLength)
    {
        return valuesLength * (CountersReader.METADATA_LENGTH / CountersReader.COUNTER_LENGTH);
    }

    /**
     * @return the default path: {@code /dev/shm/dashcast-counters.dat} when {@code /dev/shm} exists,
     * else in {@code java.io.tmpdir}.
     */
    public static Path defaultPath()
    {
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) ? shm.resolve("dashcast-counters.dat") :
            Path.of(System.getProperty("java.io.tmpdir"), "dashcast-counters.dat");
    }

    /**
     * Map an existing counters file read-only, checking magic and version.
     *
     * @param path file.
     * @return the mapped file.
     * @throws IllegalStateException when it is not a complete counters file.
     */
    public static MappedByteBuffer mapForReading(final Path path)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(
            new File(path.toString()), FileChannel.MapMode.READ_ONLY, "dashcast counters");
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, Math.min(HEADER_LENGTH, mapped.capacity()));
        if (mapped.capacity() < HEADER_LENGTH || header.getIntVolatile(MAGIC_OFFSET) != MAGIC)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(path + " is not a dashcast counters file (or is still being created)");
        }
        if (header.getInt(VERSION_OFFSET) != VERSION)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(path + ": counters file version " + header.getInt(VERSION_OFFSET) +
                ", this build reads " + VERSION);
        }
        return mapped;
    }

    /**
     * @param file a mapped counters file.
     * @return its header.
     */
    public static UnsafeBuffer header(final AtomicBuffer file)
    {
        return new UnsafeBuffer(file, 0, HEADER_LENGTH);
    }

    /**
     * @param file a mapped counters file.
     * @return its metadata buffer.
     */
    public static UnsafeBuffer metadata(final AtomicBuffer file)
    {
        return new UnsafeBuffer(file, HEADER_LENGTH, file.getInt(METADATA_LENGTH_OFFSET));
    }

    /**
     * @param file a mapped counters file.
     * @return its values buffer.
     */
    public static UnsafeBuffer values(final AtomicBuffer file)
    {
        return new UnsafeBuffer(file, HEADER_LENGTH + file.getInt(METADATA_LENGTH_OFFSET),
            file.getInt(VALUES_LENGTH_OFFSET));
    }
}
