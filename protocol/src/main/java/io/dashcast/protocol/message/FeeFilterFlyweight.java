package io.dashcast.protocol.message;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code feefilter} (BIP133): the lowest fee rate, in duffs per kB, of transactions
 * the sender wants announced. Any value decodes; Dash Core itself ignores one outside
 * {@code MoneyRange}.
 * <pre>
 *  +--------------------------+
 *  | fee rate (i64 LE)        |
 *  +--------------------------+
 * </pre>
 */
public final class FeeFilterFlyweight
{
    public static final int FEE_RATE_OFFSET = 0;
    public static final int LENGTH = 8;

    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public FeeFilterFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.exact("feefilter", length, LENGTH);
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return minimum fee rate in duffs per 1,000 bytes.
     */
    public long feeRate()
    {
        return buffer.getLong(offset + FEE_RATE_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param buffer  to write into.
     * @param offset  of the payload.
     * @param feeRate duffs per 1,000 bytes.
     * @return bytes written.
     */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final long feeRate)
    {
        buffer.putLong(offset + FEE_RATE_OFFSET, feeRate, LITTLE_ENDIAN);
        return LENGTH;
    }
}
