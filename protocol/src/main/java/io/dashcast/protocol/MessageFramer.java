package io.dashcast.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * Frames a payload in place: the caller encodes the payload at {@code frameOffset + 24} and this
 * writes the 24-byte header in front of it (magic, command, length, checksum). A frame is built
 * once and can then be written to any number of peers on the same network unchanged.
 * <p>
 * Not thread safe (it holds a {@link Sha256d}); keep one per thread.
 */
public final class MessageFramer
{
    private final int magic;
    private final int maxPayloadLength;
    private final Sha256d sha256d = new Sha256d();

    /**
     * @param network whose magic heads every frame.
     */
    public MessageFramer(final Network network)
    {
        this(network.magic(), Network.MAX_PROTOCOL_MESSAGE_LENGTH);
    }

    /**
     * @param magic            message start as a little-endian int.
     * @param maxPayloadLength refuse to frame payloads longer than this.
     */
    public MessageFramer(final int magic, final int maxPayloadLength)
    {
        this.magic = magic;
        this.maxPayloadLength = maxPayloadLength;
    }

    /**
     * Write the header for a payload already encoded at {@code frameOffset + 24}.
     *
     * @param buffer        holding the payload, with 24 free bytes in front of it.
     * @param frameOffset   where the header goes.
     * @param command       message command.
     * @param payloadLength bytes of payload.
     * @return length of the whole frame.
     */
    public int frame(
        final MutableDirectBuffer buffer, final int frameOffset, final Command command, final int payloadLength)
    {
        checkLength(payloadLength);
        final int checksum = sha256d.checksum(buffer, frameOffset + HEADER_LENGTH, payloadLength);
        MessageHeaderFlyweight.write(buffer, frameOffset, magic, command, payloadLength, checksum);
        return HEADER_LENGTH + payloadLength;
    }

    /**
     * Copy a payload to {@code frameOffset + 24} and write the header in front of it, computing the
     * checksum in the same pass over the bytes as the copy ({@link Sha256d#copyAndChecksum}).
     *
     * @param src           the payload.
     * @param srcOffset     its first byte.
     * @param buffer        where the frame goes.
     * @param frameOffset   where the header goes.
     * @param command       message command.
     * @param payloadLength bytes of payload.
     * @return length of the whole frame.
     */
    public int copyAndFrame(
        final DirectBuffer src, final int srcOffset, final MutableDirectBuffer buffer, final int frameOffset,
        final Command command, final int payloadLength)
    {
        checkLength(payloadLength);
        final int checksum = sha256d.copyAndChecksum(src, srcOffset, buffer, frameOffset + HEADER_LENGTH, payloadLength);
        MessageHeaderFlyweight.write(buffer, frameOffset, magic, command, payloadLength, checksum);
        return HEADER_LENGTH + payloadLength;
    }

    /**
     * Copy a payload in behind a header whose checksum was computed elsewhere (beside other work,
     * on another thread): a plain copy, no hashing.
     *
     * @param src           the payload.
     * @param srcOffset     its first byte.
     * @param buffer        where the frame goes.
     * @param frameOffset   where the header goes.
     * @param command       message command.
     * @param payloadLength bytes of payload.
     * @param checksum      the first four bytes of SHA256d of exactly these payload bytes, little-endian.
     * @return length of the whole frame.
     */
    public int copyAndFrame(
        final DirectBuffer src, final int srcOffset, final MutableDirectBuffer buffer, final int frameOffset,
        final Command command, final int payloadLength, final int checksum)
    {
        checkLength(payloadLength);
        buffer.putBytes(frameOffset + HEADER_LENGTH, src, srcOffset, payloadLength);
        MessageHeaderFlyweight.write(buffer, frameOffset, magic, command, payloadLength, checksum);
        return HEADER_LENGTH + payloadLength;
    }

    private void checkLength(final int payloadLength)
    {
        if (payloadLength < 0 || payloadLength > maxPayloadLength)
        {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes exceeds " + maxPayloadLength);
        }
    }

    /**
     * @return the magic this framer writes.
     */
    public int magic()
    {
        return magic;
    }
}
