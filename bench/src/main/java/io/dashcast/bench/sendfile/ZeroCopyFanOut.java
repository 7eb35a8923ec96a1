package io.dashcast.bench.sendfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * Writes one framed block to every channel on the calling thread, non-blocking, peer 0 first and
 * then round the channels until the kernel has taken every byte (the harness's floor loop), from
 * one of three sources.
 */
final class ZeroCopyFanOut
{
    /** Where the bytes come from. */
    enum Mode
    {
        /** {@code SocketChannel.write} of a direct buffer (what the engine does). */
        WRITE,
        /** {@code SocketChannel.write} of the file's mapping. */
        WRITE_MAPPED,
        /** {@code FileChannel.transferTo} from the file: sendfile(2), no copy through user space. */
        TRANSFER_TO
    }

    private final Mode mode;
    private final SocketChannel[] channels;
    private final FileChannel file;
    private final ByteBuffer[] views;
    private final long[] positions;
    private final long frameLength;

    /**
     * @param mode     the source.
     * @param block    the framed block.
     * @param channels connected, non-blocking.
     */
    ZeroCopyFanOut(final Mode mode, final FramedBlockFile block, final SocketChannel[] channels)
    {
        this.mode = mode;
        this.channels = channels;
        this.file = block.channel();
        this.frameLength = block.frameLength();
        views = new ByteBuffer[channels.length];
        positions = new long[channels.length];
        final ByteBuffer source = mode == Mode.WRITE_MAPPED ? block.mapped() : block.direct();
        for (int i = 0; i < channels.length; i++)
        {
            views[i] = source.duplicate();
        }
    }

    /**
     * @return how many write or transferTo calls it took.
     * @throws UncheckedIOException when a channel fails.
     */
    long sendAll()
    {
        final int n = channels.length;
        for (int i = 0; i < n; i++)
        {
            views[i].clear().limit((int)frameLength);
            positions[i] = 0;
        }
        int done = 0;
        long calls = 0;
        try
        {
            while (done < n)
            {
                for (int i = 0; i < n; i++)
                {
                    if (positions[i] < frameLength)
                    {
                        calls++;
                        positions[i] += send(i);
                        if (positions[i] == frameLength)
                        {
                            done++;
                        }
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return calls;
    }

    private long send(final int peer) throws IOException
    {
        if (mode == Mode.TRANSFER_TO)
        {
            return file.transferTo(positions[peer], frameLength - positions[peer], channels[peer]);
        }
        return channels[peer].write(views[peer]);
    }
}
