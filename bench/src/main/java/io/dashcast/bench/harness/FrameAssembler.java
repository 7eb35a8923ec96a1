package io.dashcast.bench.harness;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageHeaderFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * Follows one Dash P2P byte stream as it arrives in chunks of any size and reports each frame the
 * moment its last byte is seen. Checksums are not verified: a benchmark receiver stamps arrival,
 * it does not validate, and hashing a 2 MiB block would add milliseconds to every delivery. Small
 * payloads (up to {@link #MAX_KEPT_PAYLOAD_BYTES}: version, ping) are kept whole for the handler;
 * of large ones (block) only the first bytes, which hold the header. Allocation-free.
 */
public final class FrameAssembler
{
    /** Payloads up to this size are handed to the handler whole; of larger ones, this many first bytes. */
    public static final int MAX_KEPT_PAYLOAD_BYTES = 4096;

    /**
     * Told about each complete frame.
     */
    public interface FrameHandler
    {
        /**
         * @param command       the frame's command.
         * @param payload       the payload from offset 0; only its first {@link #MAX_KEPT_PAYLOAD_BYTES} bytes when longer.
         * @param payloadLength bytes of payload.
         */
        void onFrame(Command command, DirectBuffer payload, int payloadLength);
    }

    private final int magic;
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[HEADER_LENGTH]);
    private final UnsafeBuffer kept = new UnsafeBuffer(new byte[MAX_KEPT_PAYLOAD_BYTES]);
    private int headerFill;
    private int payloadLength;
    private int payloadFill;
    private Command command = Command.UNKNOWN;
    private long frames;

    /**
     * @param magic network magic every frame must start with (little-endian int).
     */
    public FrameAssembler(final int magic)
    {
        this.magic = magic;
    }

    /**
     * Consume a chunk of the stream.
     *
     * @param src     bytes.
     * @param offset  first byte.
     * @param length  bytes.
     * @param handler told about every frame completed by this chunk, in order.
     * @throws IllegalStateException when a header has the wrong magic or a negative length.
     */
    public void onBytes(final DirectBuffer src, final int offset, final int length, final FrameHandler handler)
    {
        int position = offset;
        final int limit = offset + length;
        while (position < limit)
        {
            if (headerFill < HEADER_LENGTH)
            {
                final int take = Math.min(HEADER_LENGTH - headerFill, limit - position);
                header.putBytes(headerFill, src, position, take);
                headerFill += take;
                position += take;
                if (headerFill == HEADER_LENGTH)
                {
                    onHeader(handler);
                }
            }
            else
            {
                final int take = Math.min(payloadLength - payloadFill, limit - position);
                if (payloadFill < MAX_KEPT_PAYLOAD_BYTES)
                {
                    // Small payloads whole; of a block, its first bytes (the header) only.
                    kept.putBytes(payloadFill, src, position, Math.min(take, MAX_KEPT_PAYLOAD_BYTES - payloadFill));
                }
                payloadFill += take;
                position += take;
                if (payloadFill == payloadLength)
                {
                    onFrameComplete(handler);
                }
            }
        }
    }

    /**
     * @return frames completed so far.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * Forget any partial frame (the connection was replaced).
     */
    public void reset()
    {
        headerFill = 0;
        payloadFill = 0;
        payloadLength = 0;
    }

    private void onHeader(final FrameHandler handler)
    {
        final int frameMagic = header.getInt(MessageHeaderFlyweight.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        payloadLength = header.getInt(MessageHeaderFlyweight.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (frameMagic != magic || payloadLength < 0)
        {
            throw new IllegalStateException("not a frame of this network: magic " + Integer.toHexString(frameMagic)
                + ", length " + payloadLength);
        }
        command = Command.isWellFormed(header, MessageHeaderFlyweight.COMMAND_OFFSET)
            ? Command.lookup(header, MessageHeaderFlyweight.COMMAND_OFFSET) : Command.UNKNOWN;
        payloadFill = 0;
        if (payloadLength == 0)
        {
            onFrameComplete(handler);
        }
    }

    private void onFrameComplete(final FrameHandler handler)
    {
        headerFill = 0;
        frames++;
        handler.onFrame(command, kept, payloadLength);
    }
}
