package io.dashcast.engine.ingress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-consumer rule of a queue file: an exclusive OS file lock on {@code <queue>.lock}, which
 * also holds the owner's pid so that a second daemon pointed at the same queue can say who reads
 * it. Two consumers on one queue would both read, and broadcast, the same records. The lock is
 * the operating system's: it goes away with the process, so a crashed daemon never blocks the next.
 */
final class SharedMemoryConsumerLock implements AutoCloseable
{
    private final FileChannel channel;
    private final FileLock lock;

    private SharedMemoryConsumerLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param queuePath the queue file.
     * @return the held lock.
     * @throws SharedMemoryQueueException when another consumer holds it (naming its pid) or it
     *                                    cannot be taken.
     */
    static SharedMemoryConsumerLock acquire(final Path queuePath)
    {
        final Path lockPath = queuePath.resolveSibling(queuePath.getFileName() + ".lock");
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                lock = null; // held by this very process
            }
            if (lock == null)
            {
                final String owner = readOwner(channel);
                channel.close();
                throw new SharedMemoryQueueException(queuePath + " is already being read by another dashcast" +
                    (owner.isEmpty() ? "" : " (pid " + owner + ")") + ": stop it, or give this one its own queue file");
            }
            final byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new SharedMemoryConsumerLock(channel, lock);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new SharedMemoryQueueException("cannot lock " + lockPath + " for reading the queue: " + ex.getMessage());
        }
    }

    private static String readOwner(final FileChannel channel) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(32);
        final int n = channel.read(buffer, 0);
        return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // already failing
            }
        }
    }

    @Override
    public void close()
    {
        try
        {
            if (lock.isValid())
            {
                lock.release();
            }
        }
        catch (final IOException ignore)
        {
            // the channel close below releases it too
        }
        closeQuietly(channel);
    }
}
