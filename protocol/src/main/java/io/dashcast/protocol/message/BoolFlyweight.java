package io.dashcast.protocol.message;

import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A payload of one boolean byte: Dash's {@code senddsq} (whether to relay CoinJoin queues) and
 * {@code qsendrecsigs} (whether to relay LLMQ recovered signatures). Like
 * {@link SendCmpctFlyweight}, only 0 and 1 are accepted, which is all Dash Core ever writes.
 * <pre>
 *  +------------+
 *  | flag (u8)  |
 *  +------------+
 * </pre>
 */
public final class BoolFlyweight
{
    public static final int VALUE_OFFSET = 0;
    public static final int LENGTH = 1;

    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public BoolFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.exact("flag", length, LENGTH);
        final int flag = buffer.getByte(offset + VALUE_OFFSET);
        if (flag != 0 && flag != 1)
        {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "boolean byte " + flag);
        }
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return the flag.
     */
    public boolean value()
    {
        return buffer.getByte(offset + VALUE_OFFSET) != 0;
    }

    /**
     * @param buffer to write into.
     * @param offset of the payload.
     * @param value  flag.
     * @return bytes written.
     */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final boolean value)
    {
        buffer.putByte(offset + VALUE_OFFSET, (byte)(value ? 1 : 0));
        return LENGTH;
    }
}
