package io.dashcast.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * View over the 24-byte v1 message header ({@code CMessageHeader} in Dash Core {@code src/protocol.h}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      Magic (message start)                    |
 *  +---------------------------------------------------------------+
 *  |                                                               |
 *  +            Command (12 bytes ASCII, NUL padded)               +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Payload length (uint32 LE)                   |
 *  +---------------------------------------------------------------+
 *  |        Checksum (first 4 bytes of SHA256d(payload))           |
 *  +---------------------------------------------------------------+
 *  |                         Payload ...                          ...
 * </pre>
 */
public final class MessageHeaderFlyweight
{
    public static final int MAGIC_OFFSET = 0;
    public static final int COMMAND_OFFSET = 4;
    public static final int LENGTH_OFFSET = 16;
    public static final int CHECKSUM_OFFSET = 20;
    public static final int HEADER_LENGTH = 24;

    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding a header.
     * @param offset of its first byte.
     * @return this.
     */
    public MessageHeaderFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the header in the wrapped buffer.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return magic as a little-endian int.
     */
    public int magic()
    {
        return buffer.getInt(offset + MAGIC_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return the command, {@link Command#UNKNOWN} for any other.
     */
    public Command command()
    {
        return Command.lookup(buffer, offset + COMMAND_OFFSET);
    }

    /**
     * @return the command name (allocates; for logs and unknown commands).
     */
    public String commandName()
    {
        return Command.nameAt(buffer, offset + COMMAND_OFFSET);
    }

    /**
     * @return payload length as announced (may be negative if the peer sent more than 2^31).
     */
    public int payloadLength()
    {
        return buffer.getInt(offset + LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return checksum as a little-endian int of its four bytes.
     */
    public int checksum()
    {
        return buffer.getInt(offset + CHECKSUM_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return offset of the payload's first byte.
     */
    public int payloadOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /**
     * Write a header field by field (checksum given).
     *
     * @param buffer        to write into.
     * @param offset        of the header.
     * @param magic         network magic.
     * @param command       command.
     * @param payloadLength bytes of payload.
     * @param checksum      first four bytes of SHA256d(payload) as a little-endian int.
     */
    public static void write(
        final MutableDirectBuffer buffer,
        final int offset,
        final int magic,
        final Command command,
        final int payloadLength,
        final int checksum)
    {
        buffer.putInt(offset + MAGIC_OFFSET, magic, LITTLE_ENDIAN);
        command.write(buffer, offset + COMMAND_OFFSET);
        buffer.putInt(offset + LENGTH_OFFSET, payloadLength, LITTLE_ENDIAN);
        buffer.putInt(offset + CHECKSUM_OFFSET, checksum, LITTLE_ENDIAN);
    }
}
