package io.dashcast.engine;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * Reads a peer's socket into one direct buffer and hands on each whole, validated frame (magic,
 * command, length, checksum checked by the {@link FrameDecoder}) as a view, without copying. A
 * partial frame is kept for the next read; the buffer grows, rarely and bounded by the protocol's
 * maximum message length, only when a frame is larger than it.
 */
final class InboundFrameReader
{
    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    /**
     * Receives each frame's payload.
     */
    interface Handler
    {
        /**
         * @return false to stop reading (the peer was closed while handling it).
         */
        boolean onFrame(Command command, int offset, int length);
    }

    private long readBytes;
    private final FrameDecoder decoder;
    private ByteBuffer readBuffer = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES);
    private final UnsafeBuffer readView = new UnsafeBuffer(readBuffer);

    InboundFrameReader(final Network network)
    {
        this.decoder = new FrameDecoder(network);
    }

    /**
     * @return the buffer frame offsets refer to.
     */
    DirectBuffer buffer()
    {
        return readView;
    }

    void clear()
    {
        readBuffer.clear();
    }

    /**
     * @return bytes read from the socket since this reader was made.
     */
    long readBytes()
    {
        return readBytes;
    }

    /**
     * Read what the socket has and hand on every whole frame.
     *
     * @return false at end of stream.
     * @throws ProtocolException on a frame that fails validation.
     */
    boolean read(final SocketChannel channel, final Handler handler) throws IOException
    {
        final int read = channel.read(readBuffer);
        if (read < 0)
        {
            return false;
        }
        readBytes += read;
        final int limit = readBuffer.position();
        int position = 0;
        while (true)
        {
            final int frameLength = decoder.decode(readView, position, limit - position);
            if (frameLength == 0)
            {
                break;
            }
            if (!handler.onFrame(decoder.command(), position + HEADER_LENGTH, frameLength - HEADER_LENGTH))
            {
                return true;
            }
            position += frameLength;
        }
        compact(position, limit);
        return true;
    }

    private void compact(final int position, final int limit)
    {
        readBuffer.limit(limit).position(position);
        readBuffer.compact();
        final int remaining = readBuffer.position();
        final int needed = decoder.frameLengthHint(readView, 0, remaining);
        if (needed > readBuffer.capacity())
        {
            // Bounded: the decoder has already refused lengths above MAX_PROTOCOL_MESSAGE_LENGTH.
            final ByteBuffer bigger = ByteBuffer.allocateDirect(needed);
            readBuffer.flip();
            bigger.put(readBuffer);
            readBuffer = bigger;
            readView.wrap(readBuffer);
        }
    }

    /**
     * @return the failure a decoding error is counted as.
     */
    static FailureReason reasonFor(final ProtocolException ex)
    {
        switch (ex.error())
        {
            case WRONG_MAGIC:
                return FailureReason.WRONG_MAGIC;
            case MALFORMED_COMMAND:
                return FailureReason.MALFORMED_COMMAND;
            case OVERSIZED_LENGTH:
                return FailureReason.OVERSIZED_LENGTH;
            case BAD_CHECKSUM:
                return FailureReason.BAD_CHECKSUM;
            default:
                return FailureReason.MALFORMED_PAYLOAD;
        }
    }
}
