package io.dashcast.protocol.message;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code ping} and {@code pong}: one uint64 nonce (BIP31).
 * <pre>
 *  +----------------------+
 *  | nonce (u64 LE)       |
 *  +----------------------+
 * </pre>
 */
public final class NonceFlyweight
{
    public static final int NONCE_OFFSET = 0;
    public static final int LENGTH = 8;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Wrap a received payload and validate its length.
     *
     * @param buffer holding it.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public NonceFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.exact("ping/pong", length, LENGTH);
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return the nonce.
     */
    public long nonce()
    {
        return buffer.getLong(offset + NONCE_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param buffer to write into.
     * @param offset of the payload.
     * @param nonce  value.
     * @return bytes written.
     */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final long nonce)
    {
        buffer.putLong(offset + NONCE_OFFSET, nonce, LITTLE_ENDIAN);
        return LENGTH;
    }
}
