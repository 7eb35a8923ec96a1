package io.dashcast.protocol.message;

import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code addr}: known peer addresses in the pre-BIP155 form ({@code CAddress}
 * with its time, as Dash Core serialises it outside {@code version}).
 * <pre>
 *  varint count (at most MAX_ADDR_TO_SEND = 1,000), then count x
 *  +------------+-----------------+-------------------------+------------------+
 *  | time (u32) | services (u64)  | IPv6 / IPv4-mapped (16) | port (u16 BE)    |
 *  +------------+-----------------+-------------------------+------------------+
 *  0            4                 12                        28                 30
 * </pre>
 */
public final class AddrFlyweight
{
    /** MAX_ADDR_TO_SEND in Dash Core {@code src/net.h}: entries per {@code addr} or {@code addrv2}. */
    public static final int MAX_ADDR_TO_SEND = 1_000;
    public static final int TIME_OFFSET = 0;
    public static final int SERVICES_OFFSET = 4;
    public static final int IP_OFFSET = 12;
    public static final int PORT_OFFSET = 28;
    public static final int IP_LENGTH = 16;
    public static final int ENTRY_LENGTH = 30;

    private DirectBuffer buffer;
    private int entriesOffset;
    private int count;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public AddrFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        final long n = VarInt.read(buffer, offset, offset + length, MAX_ADDR_TO_SEND);
        final int header = VarInt.encodedLength(buffer, offset);
        PayloadBounds.exact("addr", length, header + (int)n * ENTRY_LENGTH);
        this.buffer = buffer;
        this.entriesOffset = offset + header;
        this.count = (int)n;
        return this;
    }

    /**
     * @return number of entries.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param index entry.
     * @return last-seen time, seconds since the epoch (unsigned).
     */
    public long time(final int index)
    {
        return buffer.getInt(entryOffset(index) + TIME_OFFSET, LITTLE_ENDIAN) & 0xffff_ffffL;
    }

    /**
     * @param index entry.
     * @return service bits.
     */
    public long services(final int index)
    {
        return buffer.getLong(entryOffset(index) + SERVICES_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @param index entry.
     * @return offset of its 16-byte address in the wrapped buffer.
     */
    public int ipOffset(final int index)
    {
        return entryOffset(index) + IP_OFFSET;
    }

    /**
     * @param index entry.
     * @param dst   16 bytes: IPv6, or IPv4 mapped as ::ffff:a.b.c.d.
     */
    public void getIp(final int index, final byte[] dst)
    {
        buffer.getBytes(ipOffset(index), dst, 0, IP_LENGTH);
    }

    /**
     * @param index entry.
     * @return TCP port.
     */
    public int port(final int index)
    {
        return buffer.getShort(entryOffset(index) + PORT_OFFSET, BIG_ENDIAN) & 0xffff;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Write the count; entries follow with {@link #encodeEntry}.
     *
     * @param buffer to write into.
     * @param offset of the payload.
     * @param count  number of entries, at most {@link #MAX_ADDR_TO_SEND}.
     * @return bytes written.
     */
    public static int encodeCount(final MutableDirectBuffer buffer, final int offset, final int count)
    {
        if (count < 0 || count > MAX_ADDR_TO_SEND)
        {
            throw new IllegalArgumentException("addr count " + count + " outside 0.." + MAX_ADDR_TO_SEND);
        }
        return VarInt.write(buffer, offset, count);
    }

    /**
     * Write one entry.
     *
     * @param buffer   to write into.
     * @param offset   of the entry.
     * @param time     last-seen time (low 32 bits are written).
     * @param services service bits.
     * @param ip16     16-byte address.
     * @param port     TCP port.
     * @return {@link #ENTRY_LENGTH}.
     */
    public static int encodeEntry(
        final MutableDirectBuffer buffer,
        final int offset,
        final long time,
        final long services,
        final byte[] ip16,
        final int port)
    {
        buffer.putInt(offset + TIME_OFFSET, (int)time, LITTLE_ENDIAN);
        buffer.putLong(offset + SERVICES_OFFSET, services, LITTLE_ENDIAN);
        buffer.putBytes(offset + IP_OFFSET, ip16, 0, IP_LENGTH);
        buffer.putShort(offset + PORT_OFFSET, (short)port, BIG_ENDIAN);
        return ENTRY_LENGTH;
    }

    private int entryOffset(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("entry " + index + " of " + count);
        }
        return entriesOffset + index * ENTRY_LENGTH;
    }
}
