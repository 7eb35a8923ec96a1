package io.dashcast.protocol.message;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The payload of {@code headers}: block headers, each followed by a transaction count of 0.
 * <pre>
 *  varint count (at most 2,000), then count x
 *  +------------------------------+-------------------+
 *  | block header (80 bytes)      | varint tx count=0 |
 *  +------------------------------+-------------------+
 * </pre>
 */
public final class HeadersFlyweight
{
    public static final int ENTRY_LENGTH = BlockView.HEADER_LENGTH + 1;

    private DirectBuffer buffer;
    private int entriesOffset;
    private int count;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public HeadersFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        final long n = VarInt.read(buffer, offset, offset + length, Network.MAX_HEADERS_RESULTS);
        final int varint = VarInt.encodedLength(buffer, offset);
        PayloadBounds.exact("headers", length, varint + (int)n * ENTRY_LENGTH);
        for (int i = 0; i < n; i++)
        {
            if (buffer.getByte(offset + varint + i * ENTRY_LENGTH + BlockView.HEADER_LENGTH) != 0)
            {
                throw new ProtocolException(ProtocolError.INVALID_FIELD, "headers entry " + i + " with transactions");
            }
        }
        this.buffer = buffer;
        this.entriesOffset = offset + varint;
        this.count = (int)n;
        return this;
    }

    /**
     * @return number of headers.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param index header.
     * @return offset of its 80 bytes in the wrapped buffer.
     */
    public int headerOffset(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("header " + index + " of " + count);
        }
        return entriesOffset + index * ENTRY_LENGTH;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Encode a single-header announcement ({@code headers} with one entry), as sent to announce a block.
     *
     * @param buffer       to write into.
     * @param offset       of the payload.
     * @param header       buffer holding an 80-byte header.
     * @param headerOffset offset of the header.
     * @return bytes written.
     */
    public static int encodeSingle(
        final MutableDirectBuffer buffer, final int offset, final DirectBuffer header, final int headerOffset)
    {
        buffer.putByte(offset, (byte)1);
        buffer.putBytes(offset + 1, header, headerOffset, BlockView.HEADER_LENGTH);
        buffer.putByte(offset + 1 + BlockView.HEADER_LENGTH, (byte)0);
        return 1 + ENTRY_LENGTH;
    }

    /**
     * Encode the count of a multi-header payload; entries follow with {@link #encodeEntry}.
     *
     * @param buffer to write into.
     * @param offset of the payload.
     * @param count  number of headers.
     * @return bytes written.
     */
    public static int encodeCount(final MutableDirectBuffer buffer, final int offset, final int count)
    {
        return VarInt.write(buffer, offset, count);
    }

    /**
     * @param buffer       to write into.
     * @param offset       of the entry.
     * @param header       buffer holding an 80-byte header.
     * @param headerOffset offset of the header.
     * @return {@link #ENTRY_LENGTH}.
     */
    public static int encodeEntry(
        final MutableDirectBuffer buffer, final int offset, final DirectBuffer header, final int headerOffset)
    {
        buffer.putBytes(offset, header, headerOffset, BlockView.HEADER_LENGTH);
        buffer.putByte(offset + BlockView.HEADER_LENGTH, (byte)0);
        return ENTRY_LENGTH;
    }
}
