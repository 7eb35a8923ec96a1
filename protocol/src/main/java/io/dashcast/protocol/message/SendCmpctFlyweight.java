package io.dashcast.protocol.message;

import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code sendcmpct} (BIP152): whether the sender wants high-bandwidth
 * announcements, and the compact block version (Dash Core speaks version 1 only).
 * <pre>
 *  +----------------+-----------------+
 *  | announce (u8)  | version (u64 LE)|
 *  +----------------+-----------------+
 * </pre>
 */
public final class SendCmpctFlyweight
{
    public static final int ANNOUNCE_OFFSET = 0;
    public static final int VERSION_OFFSET = 1;
    public static final int LENGTH = 9;

    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public SendCmpctFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.exact("sendcmpct", length, LENGTH);
        final int flag = buffer.getByte(offset + ANNOUNCE_OFFSET);
        if (flag != 0 && flag != 1)
        {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "sendcmpct announce flag " + flag);
        }
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return true when the sender asks for high-bandwidth (unsolicited cmpctblock) relay.
     */
    public boolean announce()
    {
        return buffer.getByte(offset + ANNOUNCE_OFFSET) != 0;
    }

    /**
     * @return compact block version.
     */
    public long version()
    {
        return buffer.getLong(offset + VERSION_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param buffer   to write into.
     * @param offset   of the payload.
     * @param announce high-bandwidth mode.
     * @param version  compact block version.
     * @return bytes written.
     */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final boolean announce, final long version)
    {
        buffer.putByte(offset + ANNOUNCE_OFFSET, (byte)(announce ? 1 : 0));
        buffer.putLong(offset + VERSION_OFFSET, version, LITTLE_ENDIAN);
        return LENGTH;
    }
}
