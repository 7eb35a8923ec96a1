package io.dashcast.bench.sendfile;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * One framed {@code block} message (24-byte header, regtest magic, then the payload) built in
 * place in a memory-mapped file, plus the same bytes in a direct buffer: the three sources the
 * benchmark writes from. The file is deleted on {@link #close()}.
 */
final class FramedBlockFile implements AutoCloseable
{
    private final Path path;
    private final FileChannel channel;
    private final MappedByteBuffer mapped;
    private final ByteBuffer direct;
    private final int frameLength;

    /**
     * @param dir          where the file goes (tmpfs, e.g. /dev/shm, so no disk is involved).
     * @param payloadBytes block size.
     * @param seed         for the payload's bytes.
     */
    FramedBlockFile(final Path dir, final int payloadBytes, final long seed)
    {
        frameLength = MessageHeaderFlyweight.HEADER_LENGTH + payloadBytes;
        try
        {
            path = Files.createTempFile(dir, "dashcast-sendfile-", ".frame");
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, frameLength);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make a mapped file in " + dir, ex);
        }
        final UnsafeBuffer frame = new UnsafeBuffer(mapped);
        final SplittableRandom rng = new SplittableRandom(seed);
        for (int i = MessageHeaderFlyweight.HEADER_LENGTH; i + 8 <= frameLength; i += 8)
        {
            frame.putLong(i, rng.nextLong());
        }
        new MessageFramer(Network.REGTEST.magic(), payloadBytes).frame(frame, 0, Command.BLOCK, payloadBytes);
        mapped.force();
        direct = ByteBuffer.allocateDirect(frameLength);
        direct.put(mapped.duplicate().clear()).flip();
    }

    int frameLength()
    {
        return frameLength;
    }

    FileChannel channel()
    {
        return channel;
    }

    MappedByteBuffer mapped()
    {
        return mapped;
    }

    ByteBuffer direct()
    {
        return direct;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + path, ex);
        }
    }
}
