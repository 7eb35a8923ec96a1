package io.dashcast.protocol;

import org.agrona.DirectBuffer;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * Finds and validates one v1 frame at the front of received bytes: magic, command, length
 * bound and checksum, in that order, each failure reported as its own {@link ProtocolError}.
 * The length bound is checked from the header alone, before any payload is buffered.
 * <p>
 * Not thread safe; one per connection-owning thread.
 */
public final class FrameDecoder
{
    private final int magic;
    private final int maxPayloadLength;
    private final Sha256d sha256d = new Sha256d();
    private final MessageHeaderFlyweight header = new MessageHeaderFlyweight();
    private Command command = Command.UNKNOWN;

    /**
     * @param network whose magic frames must carry.
     */
    public FrameDecoder(final Network network)
    {
        this(network.magic(), Network.MAX_PROTOCOL_MESSAGE_LENGTH);
    }

    /**
     * @param magic            required message start as a little-endian int.
     * @param maxPayloadLength largest payload accepted.
     */
    public FrameDecoder(final int magic, final int maxPayloadLength)
    {
        this.magic = magic;
        this.maxPayloadLength = maxPayloadLength;
    }

    /**
     * Look for a complete frame at {@code offset}.
     *
     * @param buffer    received bytes.
     * @param offset    first unread byte.
     * @param available readable bytes from {@code offset}.
     * @return length of the complete, valid frame at {@code offset}, or 0 when more bytes are needed.
     * @throws ProtocolException when the bytes can never form a valid frame.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int available)
    {
        if (available < HEADER_LENGTH)
        {
            return 0;
        }
        header.wrap(buffer, offset);
        if (header.magic() != magic)
        {
            throw new ProtocolException(ProtocolError.WRONG_MAGIC,
                String.format("0x%08x, expected 0x%08x", Integer.reverseBytes(header.magic()),
                Integer.reverseBytes(magic)));
        }
        if (!Command.isWellFormed(buffer, offset + MessageHeaderFlyweight.COMMAND_OFFSET))
        {
            throw new ProtocolException(ProtocolError.MALFORMED_COMMAND, header.commandName());
        }
        final int payloadLength = header.payloadLength();
        if (payloadLength < 0 || payloadLength > maxPayloadLength)
        {
            throw new ProtocolException(ProtocolError.OVERSIZED_LENGTH,
                Integer.toUnsignedString(payloadLength) + " > " + maxPayloadLength);
        }
        if (available < HEADER_LENGTH + payloadLength)
        {
            return 0;
        }
        if (sha256d.checksum(buffer, offset + HEADER_LENGTH, payloadLength) != header.checksum())
        {
            throw new ProtocolException(ProtocolError.BAD_CHECKSUM, header.commandName());
        }
        command = header.command();
        return HEADER_LENGTH + payloadLength;
    }

    /**
     * Bytes the frame at the front needs in total, known once its header has arrived.
     *
     * @param buffer    received bytes.
     * @param offset    first unread byte.
     * @param available readable bytes.
     * @return frame length, or -1 while the header is incomplete.
     * @throws ProtocolException with {@link ProtocolError#OVERSIZED_LENGTH} when the header announces a
     *     payload no frame may carry (which would otherwise overflow the sum).
     */
    public int frameLengthHint(final DirectBuffer buffer, final int offset, final int available)
    {
        if (available < HEADER_LENGTH)
        {
            return -1;
        }
        final int payloadLength = header.wrap(buffer, offset).payloadLength();
        if (payloadLength < 0 || payloadLength > maxPayloadLength)
        {
            throw new ProtocolException(ProtocolError.OVERSIZED_LENGTH,
                Integer.toUnsignedString(payloadLength) + " > " + maxPayloadLength);
        }
        return HEADER_LENGTH + payloadLength;
    }

    /**
     * @return header of the last frame found by {@link #decode(DirectBuffer, int, int)}.
     */
    public MessageHeaderFlyweight header()
    {
        return header;
    }

    /**
     * @return command of the last frame found.
     */
    public Command command()
    {
        return command;
    }
}
