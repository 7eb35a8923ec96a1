package io.dashcast.protocol.message;

import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code addrv2} (BIP155): peer addresses of any network, each variable in size.
 * <pre>
 *  varint count (at most MAX_ADDR_TO_SEND = 1,000), then count x
 *  +------------+---------------------+------------+----------------------+--------------+
 *  | time (u32) | services (varint)   | net id (u8)| address (varbytes)   | port (u16 BE)|
 *  +------------+---------------------+------------+----------------------+--------------+
 * </pre>
 * Address lengths follow Dash Core's {@code CNetAddr::UnserializeV2Stream}: at most 512 bytes;
 * the founding networks must have their exact size (IPv4 4, IPv6 16, TORv3 32, I2P 32, CJDNS 16)
 * or the message is malformed; any other id (TORv2's 3 included, which Bitcoin Core 22 and the Dash
 * Core built on it no longer recognise) is skipped by the node, so it is accepted here.
 * <p>
 * {@link #wrap(DirectBuffer, int, int)} walks every entry once and keeps their offsets in
 * pre-allocated arrays, so decoding allocates nothing.
 */
public final class AddrV2Flyweight
{
    public static final int NET_IPV4 = 1;
    public static final int NET_IPV6 = 2;
    public static final int NET_TORV2 = 3;
    public static final int NET_TORV3 = 4;
    public static final int NET_I2P = 5;
    public static final int NET_CJDNS = 6;
    /** MAX_ADDRV2_SIZE in Dash Core {@code src/netaddress.h}. */
    public static final int MAX_ADDRESS_LENGTH = 512;

    private final int[] entryOffsets = new int[AddrFlyweight.MAX_ADDR_TO_SEND];
    private final int[] addressOffsets = new int[AddrFlyweight.MAX_ADDR_TO_SEND];
    private final int[] portOffsets = new int[AddrFlyweight.MAX_ADDR_TO_SEND];
    private DirectBuffer buffer;
    private int count;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public AddrV2Flyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.count = 0;
        final int limit = offset + length;
        final int n = (int)VarInt.read(buffer, offset, limit, AddrFlyweight.MAX_ADDR_TO_SEND);
        int position = offset + VarInt.encodedLength(buffer, offset);
        for (int i = 0; i < n; i++)
        {
            entryOffsets[i] = position;
            PayloadBounds.require("addrv2 time", limit - position, 4);
            position += 4;
            VarInt.readUnsigned(buffer, position, limit);
            position += VarInt.encodedLength(buffer, position);
            PayloadBounds.require("addrv2 network id", limit - position, 1);
            final int networkId = buffer.getByte(position) & 0xff;
            position++;
            final int addressLength = (int)VarInt.read(buffer, position, limit, MAX_ADDRESS_LENGTH);
            position += VarInt.encodedLength(buffer, position);
            checkAddressLength(networkId, addressLength);
            addressOffsets[i] = position;
            PayloadBounds.require("addrv2 address and port", limit - position, addressLength + 2);
            portOffsets[i] = position + addressLength;
            position += addressLength + 2;
        }
        if (position != limit)
        {
            throw new ProtocolException(ProtocolError.TRAILING_BYTES,
                "addrv2 followed by " + (limit - position) + " bytes");
        }
        this.buffer = buffer;
        this.count = n;
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
        return buffer.getInt(entryOffsets[checkIndex(index)], LITTLE_ENDIAN) & 0xffff_ffffL;
    }

    /**
     * @param index entry.
     * @return service bits (all 64 may be set).
     */
    public long services(final int index)
    {
        return VarInt.readUnsigned(buffer, entryOffsets[checkIndex(index)] + 4, addressOffsets[index]);
    }

    /**
     * @param index entry.
     * @return BIP155 network id ({@link #NET_IPV4} ...).
     */
    public int networkId(final int index)
    {
        final int at = entryOffsets[checkIndex(index)] + 4;
        return buffer.getByte(at + VarInt.encodedLength(buffer, at)) & 0xff;
    }

    /**
     * @param index entry.
     * @return offset of its address bytes in the wrapped buffer.
     */
    public int addressOffset(final int index)
    {
        return addressOffsets[checkIndex(index)];
    }

    /**
     * @param index entry.
     * @return bytes of its address.
     */
    public int addressLength(final int index)
    {
        return portOffsets[checkIndex(index)] - addressOffsets[index];
    }

    /**
     * @param index entry.
     * @return TCP port.
     */
    public int port(final int index)
    {
        return buffer.getShort(portOffsets[checkIndex(index)], BIG_ENDIAN) & 0xffff;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param networkId BIP155 network id.
     * @return the exact address length the network requires, or -1 when any length up to
     *     {@link #MAX_ADDRESS_LENGTH} is accepted.
     */
    public static int requiredAddressLength(final int networkId)
    {
        switch (networkId)
        {
            case NET_IPV4:
                return 4;
            case NET_IPV6:
            case NET_CJDNS:
                return 16;
            case NET_TORV3:
            case NET_I2P:
                return 32;
            default:
                return -1;
        }
    }

    /**
     * Write the count; entries follow with {@link #encodeEntry}.
     *
     * @param buffer to write into.
     * @param offset of the payload.
     * @param count  number of entries, at most {@link AddrFlyweight#MAX_ADDR_TO_SEND}.
     * @return bytes written.
     */
    public static int encodeCount(final MutableDirectBuffer buffer, final int offset, final int count)
    {
        return AddrFlyweight.encodeCount(buffer, offset, count);
    }

    /**
     * Write one entry.
     *
     * @param buffer        to write into.
     * @param offset        of the entry.
     * @param time          last-seen time (low 32 bits are written).
     * @param services      service bits.
     * @param networkId     BIP155 network id.
     * @param address       buffer holding the address.
     * @param addressOffset offset of the address.
     * @param addressLength bytes of the address, as the network requires.
     * @param port          TCP port.
     * @return bytes written.
     */
    public static int encodeEntry(
        final MutableDirectBuffer buffer,
        final int offset,
        final long time,
        final long services,
        final int networkId,
        final DirectBuffer address,
        final int addressOffset,
        final int addressLength,
        final int port)
    {
        final int required = requiredAddressLength(networkId);
        if (networkId < 0 || networkId > 0xff || addressLength < 0 || addressLength > MAX_ADDRESS_LENGTH ||
            (required >= 0 && addressLength != required))
        {
            throw new IllegalArgumentException("addrv2 network " + networkId + " with " + addressLength + " bytes");
        }
        int position = offset;
        buffer.putInt(position, (int)time, LITTLE_ENDIAN);
        position += 4;
        position += VarInt.write(buffer, position, services);
        buffer.putByte(position++, (byte)networkId);
        position += VarInt.write(buffer, position, addressLength);
        buffer.putBytes(position, address, addressOffset, addressLength);
        position += addressLength;
        buffer.putShort(position, (short)port, BIG_ENDIAN);
        return position + 2 - offset;
    }

    private static void checkAddressLength(final int networkId, final int addressLength)
    {
        final int required = requiredAddressLength(networkId);
        if (required >= 0 && addressLength != required)
        {
            throw new ProtocolException(ProtocolError.INVALID_FIELD,
                "addrv2 network " + networkId + " address of " + addressLength + " bytes, expected " + required);
        }
    }

    private int checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("entry " + index + " of " + count);
        }
        return index;
    }
}
