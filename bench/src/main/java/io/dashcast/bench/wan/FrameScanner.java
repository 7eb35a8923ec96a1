package io.dashcast.bench.wan;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageHeaderFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * Follows one Dash P2P byte stream arriving in chunks of any size and reports each frame when its
 * last byte is seen: small payloads (version, ping) are kept for the handler, large ones (block)
 * only counted. Checksums are not verified: the receiver stamps arrival, it does not validate.
 */
final class FrameScanner
{
    /** Payloads up to this size are handed over; larger ones are skipped. */
    static final int MAX_KEPT_PAYLOAD_BYTES = 4096;

    /** Told about each complete frame. */
    interface Handler
    {
        /**
         * @param command       the frame's command.
         * @param payload       the payload; only its first {@link #MAX_KEPT_PAYLOAD_BYTES} bytes when longer.
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

    /**
     * @param magic network magic every frame starts with (little-endian int).
     */
    FrameScanner(final int magic)
    {
        this.magic = magic;
    }

    /**
     * @param src     bytes.
     * @param offset  first byte.
     * @param length  bytes.
     * @param handler told about each frame this chunk completes, in order.
     * @throws IllegalStateException on a wrong magic or a negative length.
     */
    void onBytes(final DirectBuffer src, final int offset, final int length, final Handler handler)
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
                    complete(handler);
                }
            }
        }
    }

    /** Forget any partial frame (a new connection). */
    void reset()
    {
        headerFill = 0;
        payloadFill = 0;
        payloadLength = 0;
    }

    private void onHeader(final Handler handler)
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
            complete(handler);
        }
    }

    private void complete(final Handler handler)
    {
        headerFill = 0;
        handler.onFrame(command, kept, payloadLength);
    }
}
