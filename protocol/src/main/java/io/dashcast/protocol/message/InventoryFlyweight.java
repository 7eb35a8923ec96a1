package io.dashcast.protocol.message;

import io.dashcast.protocol.Network;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code inv}, {@code getdata} and {@code notfound}: a list of inventory vectors.
 * <pre>
 *  varint count (at most MAX_INV_SZ = 50,000), then count x
 *  +-----------------+------------------------------+
 *  | type (u32 LE)   | hash (32 bytes, internal)    |
 *  +-----------------+------------------------------+
 * </pre>
 */
public final class InventoryFlyweight
{
    public static final int ENTRY_LENGTH = 36;
    public static final int MSG_TX = 1;
    public static final int MSG_BLOCK = 2;
    public static final int MSG_FILTERED_BLOCK = 3;
    public static final int MSG_CMPCT_BLOCK = 20;

    private DirectBuffer buffer;
    private int entriesOffset;
    private int count;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public InventoryFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        final long n = VarInt.read(buffer, offset, offset + length, Network.MAX_INV_SIZE);
        final int header = VarInt.encodedLength(buffer, offset);
        PayloadBounds.exact("inventory", length, header + (int)n * ENTRY_LENGTH);
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
     * @return inventory type (MSG_BLOCK, MSG_TX ...).
     */
    public int type(final int index)
    {
        return buffer.getInt(entryOffset(index), LITTLE_ENDIAN);
    }

    /**
     * @param index entry.
     * @return offset of the entry's 32-byte hash in the wrapped buffer.
     */
    public int hashOffset(final int index)
    {
        return entryOffset(index) + 4;
    }

    /**
     * @param index entry.
     * @return the wrapped buffer, for reading the hash at {@link #hashOffset(int)}.
     */
    public DirectBuffer buffer(final int index)
    {
        entryOffset(index);
        return buffer;
    }

    /**
     * Write the count; entries follow with {@link #encodeEntry}.
     *
     * @param buffer to write into.
     * @param offset of the payload.
     * @param count  number of entries.
     * @return bytes written (offset of the first entry relative to {@code offset}).
     */
    public static int encodeCount(final MutableDirectBuffer buffer, final int offset, final int count)
    {
        return VarInt.write(buffer, offset, count);
    }

    /**
     * Write one entry.
     *
     * @param buffer     to write into.
     * @param offset     of the entry.
     * @param type       inventory type.
     * @param hash       buffer holding the 32-byte hash.
     * @param hashOffset offset of the hash.
     * @return {@link #ENTRY_LENGTH}.
     */
    public static int encodeEntry(
        final MutableDirectBuffer buffer, final int offset, final int type, final DirectBuffer hash, final int hashOffset)
    {
        buffer.putInt(offset, type, LITTLE_ENDIAN);
        buffer.putBytes(offset + 4, hash, hashOffset, 32);
        return ENTRY_LENGTH;
    }

    /**
     * Write a one-entry list, the common case for a block.
     *
     * @param buffer to write into.
     * @param offset of the payload.
     * @param type   inventory type.
     * @param hash   32-byte hash (internal order).
     * @return bytes written.
     */
    public static int encodeSingle(final MutableDirectBuffer buffer, final int offset, final int type, final byte[] hash)
    {
        buffer.putByte(offset, (byte)1);
        buffer.putInt(offset + 1, type, LITTLE_ENDIAN);
        buffer.putBytes(offset + 5, hash, 0, 32);
        return 1 + ENTRY_LENGTH;
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
