package io.dashcast.protocol.message;

import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The payload of {@code reject} (BIP61), which older Dash Core nodes send to explain why they
 * refused a message. Decoded for logs and counters; dashcast never needs to send one.
 * <pre>
 *  +---------------------------+-----------+-----------------------------+-------------------+
 *  | message (varstr, &lt;= 12)   | code (u8) | reason (varstr, &lt;= 111)     | [hash (32 bytes)] |
 *  +---------------------------+-----------+-----------------------------+-------------------+
 * </pre>
 * The hash follows for rejected {@code block} and {@code tx} messages; it is either wholly
 * present or absent.
 */
public final class RejectFlyweight
{
    /** CMessageHeader::COMMAND_SIZE: the rejected message's command. */
    public static final int MAX_MESSAGE_LENGTH = 12;
    /** MAX_REJECT_MESSAGE_LENGTH in Dash Core: longest reason. */
    public static final int MAX_REASON_LENGTH = 111;
    public static final int HASH_LENGTH = 32;
    public static final int REJECT_MALFORMED = 0x01;
    public static final int REJECT_INVALID = 0x10;
    public static final int REJECT_OBSOLETE = 0x11;
    public static final int REJECT_DUPLICATE = 0x12;
    public static final int REJECT_NONSTANDARD = 0x40;
    public static final int REJECT_INSUFFICIENTFEE = 0x42;
    public static final int REJECT_CHECKPOINT = 0x43;

    private DirectBuffer buffer;
    private int messageOffset;
    private int messageLength;
    private int codeOffset;
    private int reasonOffset;
    private int reasonLength;
    private int hashOffset;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public RejectFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + length;
        final int msgLength = (int)VarInt.read(buffer, offset, limit, MAX_MESSAGE_LENGTH);
        final int msgOffset = offset + VarInt.encodedLength(buffer, offset);
        PayloadBounds.require("reject message and code", limit - msgOffset, msgLength + 1);
        final int code = msgOffset + msgLength;
        final int reasonAt = code + 1;
        final int rsnLength = (int)VarInt.read(buffer, reasonAt, limit, MAX_REASON_LENGTH);
        final int rsnOffset = reasonAt + VarInt.encodedLength(buffer, reasonAt);
        PayloadBounds.require("reject reason", limit - rsnOffset, rsnLength);
        final int tail = limit - rsnOffset - rsnLength;
        if (tail != 0)
        {
            PayloadBounds.exact("reject hash", tail, HASH_LENGTH);
        }
        this.buffer = buffer;
        this.messageOffset = msgOffset;
        this.messageLength = msgLength;
        this.codeOffset = code;
        this.reasonOffset = rsnOffset;
        this.reasonLength = rsnLength;
        this.hashOffset = tail == 0 ? -1 : rsnOffset + rsnLength;
        return this;
    }

    /**
     * @return offset of the rejected command's bytes in the wrapped buffer.
     */
    public int messageOffset()
    {
        return messageOffset;
    }

    /**
     * @return bytes of the rejected command.
     */
    public int messageLength()
    {
        return messageLength;
    }

    /**
     * @return the rejected command, e.g. "block" (allocates; for logs).
     */
    public String message()
    {
        return text(messageOffset, messageLength);
    }

    /**
     * @return reject code ({@link #REJECT_INVALID} ...).
     */
    public int code()
    {
        return buffer.getByte(codeOffset) & 0xff;
    }

    /**
     * @return offset of the reason's bytes in the wrapped buffer.
     */
    public int reasonOffset()
    {
        return reasonOffset;
    }

    /**
     * @return bytes of the reason.
     */
    public int reasonLength()
    {
        return reasonLength;
    }

    /**
     * @return the reason, e.g. "bad-txnmrklroot" (allocates; for logs).
     */
    public String reason()
    {
        return text(reasonOffset, reasonLength);
    }

    /**
     * @return true when the payload ends with the rejected object's hash.
     */
    public boolean hasHash()
    {
        return hashOffset >= 0;
    }

    /**
     * @return offset of the 32-byte hash in the wrapped buffer.
     * @throws IllegalStateException when the payload carries none.
     */
    public int hashOffset()
    {
        if (hashOffset < 0)
        {
            throw new IllegalStateException("reject without hash");
        }
        return hashOffset;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Encode a reject (for tests and simulated peers).
     *
     * @param buffer  to write into.
     * @param offset  of the payload.
     * @param message ASCII bytes of the rejected command, at most 12.
     * @param code    reject code.
     * @param reason  ASCII bytes of the reason, at most 111.
     * @param hash    32-byte hash of the rejected object, or null.
     * @return bytes written.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final byte[] message,
        final int code,
        final byte[] reason,
        final byte[] hash)
    {
        if (message.length > MAX_MESSAGE_LENGTH || reason.length > MAX_REASON_LENGTH)
        {
            throw new IllegalArgumentException("reject message or reason too long");
        }
        int position = offset + VarInt.write(buffer, offset, message.length);
        buffer.putBytes(position, message);
        position += message.length;
        buffer.putByte(position++, (byte)code);
        position += VarInt.write(buffer, position, reason.length);
        buffer.putBytes(position, reason);
        position += reason.length;
        if (hash != null)
        {
            buffer.putBytes(position, hash, 0, HASH_LENGTH);
            position += HASH_LENGTH;
        }
        return position - offset;
    }

    private String text(final int at, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
