package io.dashcast.protocol.message;

import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The payload of {@code version}, in the field order of Dash Core's {@code PushNodeVersion}
 * ({@code src/net_processing.cpp}, v22.1.1). Network addresses carry no time field here and
 * their port is big-endian.
 * <pre>
 *   0 version (i32)        4 services (u64)        12 time (i64)
 *  20 addrYou services (u64)   28 addrYou IPv6 (16)   44 addrYou port (u16 BE)
 *  46 addrMe services (u64)    54 addrMe IPv6 (16)    70 addrMe port (u16 BE)
 *  72 nonce (u64)
 *  80 user agent (varstr, at most 256 bytes)
 *   . start height (i32) . relay (u8) . mnauth challenge (32) . masternode connection (u8)
 * </pre>
 * Like Dash Core, the decoder requires the fields up to addrYou and treats each later field as
 * optional, present only if bytes remain.
 */
public final class VersionFlyweight
{
    public static final int VERSION_OFFSET = 0;
    public static final int SERVICES_OFFSET = 4;
    public static final int TIME_OFFSET = 12;
    public static final int ADDR_YOU_SERVICES_OFFSET = 20;
    public static final int ADDR_YOU_IP_OFFSET = 28;
    public static final int ADDR_YOU_PORT_OFFSET = 44;
    public static final int ADDR_ME_SERVICES_OFFSET = 46;
    public static final int ADDR_ME_IP_OFFSET = 54;
    public static final int ADDR_ME_PORT_OFFSET = 70;
    public static final int NONCE_OFFSET = 72;
    public static final int USER_AGENT_OFFSET = 80;
    public static final int MIN_LENGTH = ADDR_ME_SERVICES_OFFSET;
    /** MAX_SUBVERSION_LENGTH in Dash Core {@code src/net.h}. */
    public static final int MAX_USER_AGENT_LENGTH = 256;
    public static final int IP_LENGTH = 16;
    public static final int CHALLENGE_LENGTH = 32;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int userAgentLength;
    private int tailOffset;

    /**
     * Wrap a received payload and validate every field present.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public VersionFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        PayloadBounds.require("version", length, MIN_LENGTH);
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.userAgentLength = 0;
        this.tailOffset = offset + length;
        if (length > MIN_LENGTH)
        {
            PayloadBounds.require("version", length, USER_AGENT_OFFSET);
            if (length > USER_AGENT_OFFSET)
            {
                final int uaOffset = offset + USER_AGENT_OFFSET;
                userAgentLength = (int)VarInt.read(buffer, uaOffset, offset + length, MAX_USER_AGENT_LENGTH);
                final int start = uaOffset + VarInt.encodedLength(buffer, uaOffset);
                PayloadBounds.require("version user agent", offset + length - start, userAgentLength);
                tailOffset = start + userAgentLength;
                final int flagOffset = tailOffset + 4;
                if (has(flagOffset, 1) && (buffer.getByte(flagOffset) & 0xfe) != 0)
                {
                    throw new ProtocolException(ProtocolError.INVALID_FIELD, "version relay flag");
                }
                if (remaining(tailOffset) > 0 && remaining(tailOffset) < 4)
                {
                    throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD, "version start height");
                }
                final int challenge = tailOffset + 5;
                if (remaining(challenge) > 0 && remaining(challenge) < CHALLENGE_LENGTH)
                {
                    throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD, "version mnauth challenge");
                }
            }
        }
        return this;
    }

    /**
     * Start encoding a version payload; set the fixed fields then call {@link #userAgent(String)}
     * before the fields that follow it.
     *
     * @param buffer to write into.
     * @param offset of the payload.
     * @return this.
     */
    public VersionFlyweight wrapForEncode(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.userAgentLength = 0;
        this.tailOffset = offset + USER_AGENT_OFFSET + 1;
        this.length = USER_AGENT_OFFSET + 1;
        buffer.setMemory(offset, USER_AGENT_OFFSET, (byte)0);
        buffer.putByte(offset + USER_AGENT_OFFSET, (byte)0);
        return this;
    }

    public int protocolVersion()
    {
        return buffer.getInt(offset + VERSION_OFFSET, LITTLE_ENDIAN);
    }

    public VersionFlyweight protocolVersion(final int value)
    {
        mutable().putInt(offset + VERSION_OFFSET, value, LITTLE_ENDIAN);
        return this;
    }

    public long services()
    {
        return buffer.getLong(offset + SERVICES_OFFSET, LITTLE_ENDIAN);
    }

    public VersionFlyweight services(final long value)
    {
        mutable().putLong(offset + SERVICES_OFFSET, value, LITTLE_ENDIAN);
        return this;
    }

    public long time()
    {
        return buffer.getLong(offset + TIME_OFFSET, LITTLE_ENDIAN);
    }

    public VersionFlyweight time(final long value)
    {
        mutable().putLong(offset + TIME_OFFSET, value, LITTLE_ENDIAN);
        return this;
    }

    public long addrYouServices()
    {
        return buffer.getLong(offset + ADDR_YOU_SERVICES_OFFSET, LITTLE_ENDIAN);
    }

    public VersionFlyweight addrYouServices(final long value)
    {
        mutable().putLong(offset + ADDR_YOU_SERVICES_OFFSET, value, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param dst 16 bytes: IPv6, or IPv4 mapped as ::ffff:a.b.c.d.
     */
    public void getAddrYouIp(final byte[] dst)
    {
        buffer.getBytes(offset + ADDR_YOU_IP_OFFSET, dst, 0, IP_LENGTH);
    }

    public VersionFlyweight addrYouIp(final byte[] ip16)
    {
        mutable().putBytes(offset + ADDR_YOU_IP_OFFSET, ip16, 0, IP_LENGTH);
        return this;
    }

    public int addrYouPort()
    {
        return buffer.getShort(offset + ADDR_YOU_PORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xffff;
    }

    public VersionFlyweight addrYouPort(final int port)
    {
        mutable().putShort(offset + ADDR_YOU_PORT_OFFSET, (short)port, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public boolean hasAddrMe()
    {
        return length >= USER_AGENT_OFFSET;
    }

    public long addrMeServices()
    {
        return hasAddrMe() ? buffer.getLong(offset + ADDR_ME_SERVICES_OFFSET, LITTLE_ENDIAN) : 0;
    }

    public VersionFlyweight addrMeServices(final long value)
    {
        mutable().putLong(offset + ADDR_ME_SERVICES_OFFSET, value, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @param dst 16 bytes: the sender's own address as it claims it, all zero when absent.
     */
    public void getAddrMeIp(final byte[] dst)
    {
        if (hasAddrMe())
        {
            buffer.getBytes(offset + ADDR_ME_IP_OFFSET, dst, 0, IP_LENGTH);
        }
        else
        {
            Arrays.fill(dst, 0, IP_LENGTH, (byte)0);
        }
    }

    public VersionFlyweight addrMeIp(final byte[] ip16)
    {
        mutable().putBytes(offset + ADDR_ME_IP_OFFSET, ip16, 0, IP_LENGTH);
        return this;
    }

    public int addrMePort()
    {
        return hasAddrMe() ? buffer.getShort(offset + ADDR_ME_PORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xffff : 0;
    }

    public VersionFlyweight addrMePort(final int port)
    {
        mutable().putShort(offset + ADDR_ME_PORT_OFFSET, (short)port, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * @return the sender's nonce (0 when absent); equal to one of ours means we dialled ourselves.
     */
    public long nonce()
    {
        return hasAddrMe() ? buffer.getLong(offset + NONCE_OFFSET, LITTLE_ENDIAN) : 0;
    }

    public VersionFlyweight nonce(final long value)
    {
        mutable().putLong(offset + NONCE_OFFSET, value, LITTLE_ENDIAN);
        return this;
    }

    /**
     * @return the user agent (allocates; read once per handshake).
     */
    public String userAgent()
    {
        if (userAgentLength == 0)
        {
            return "";
        }
        final byte[] bytes = new byte[userAgentLength];
        buffer.getBytes(tailOffset - userAgentLength, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Write the user agent; the start height and later fields follow it.
     *
     * @param userAgent at most 256 bytes of UTF-8.
     * @return this.
     */
    public VersionFlyweight userAgent(final String userAgent)
    {
        final byte[] bytes = userAgent.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_USER_AGENT_LENGTH)
        {
            throw new IllegalArgumentException("user agent longer than " + MAX_USER_AGENT_LENGTH + " bytes");
        }
        final MutableDirectBuffer out = mutable();
        final int start = offset + USER_AGENT_OFFSET + VarInt.write(out, offset + USER_AGENT_OFFSET, bytes.length);
        out.putBytes(start, bytes);
        userAgentLength = bytes.length;
        tailOffset = start + bytes.length;
        length = tailOffset - offset;
        return this;
    }

    public boolean hasStartHeight()
    {
        return remaining(tailOffset) >= 4;
    }

    public int startHeight()
    {
        return hasStartHeight() ? buffer.getInt(tailOffset, LITTLE_ENDIAN) : 0;
    }

    public VersionFlyweight startHeight(final int height)
    {
        mutable().putInt(tailOffset, height, LITTLE_ENDIAN);
        length = Math.max(length, tailOffset + 4 - offset);
        return this;
    }

    public boolean hasRelay()
    {
        return remaining(tailOffset + 4) >= 1;
    }

    /**
     * @return the relay flag; BIP37 says absent means true.
     */
    public boolean relay()
    {
        return !hasRelay() || buffer.getByte(tailOffset + 4) != 0;
    }

    public VersionFlyweight relay(final boolean relay)
    {
        mutable().putByte(tailOffset + 4, (byte)(relay ? 1 : 0));
        length = Math.max(length, tailOffset + 5 - offset);
        return this;
    }

    public boolean hasMnauthChallenge()
    {
        return remaining(tailOffset + 5) >= CHALLENGE_LENGTH;
    }

    /**
     * @param dst 32 bytes: the mnauth challenge, all zero when absent.
     */
    public void getMnauthChallenge(final byte[] dst)
    {
        if (hasMnauthChallenge())
        {
            buffer.getBytes(tailOffset + 5, dst, 0, CHALLENGE_LENGTH);
        }
        else
        {
            Arrays.fill(dst, 0, CHALLENGE_LENGTH, (byte)0);
        }
    }

    public VersionFlyweight mnauthChallenge(final byte[] challenge32)
    {
        mutable().putBytes(tailOffset + 5, challenge32, 0, CHALLENGE_LENGTH);
        length = Math.max(length, tailOffset + 5 + CHALLENGE_LENGTH - offset);
        return this;
    }

    public boolean hasMasternodeConnection()
    {
        return remaining(tailOffset + 5 + CHALLENGE_LENGTH) >= 1;
    }

    /**
     * @return true when the sender claims to be a masternode making a masternode connection.
     */
    public boolean masternodeConnection()
    {
        return hasMasternodeConnection() && buffer.getByte(tailOffset + 5 + CHALLENGE_LENGTH) != 0;
    }

    public VersionFlyweight masternodeConnection(final boolean value)
    {
        mutable().putByte(tailOffset + 5 + CHALLENGE_LENGTH, (byte)(value ? 1 : 0));
        length = Math.max(length, tailOffset + 6 + CHALLENGE_LENGTH - offset);
        return this;
    }

    /**
     * @return bytes of the payload, as wrapped or as encoded so far.
     */
    public int encodedLength()
    {
        return length;
    }

    private boolean has(final int at, final int n)
    {
        return remaining(at) >= n;
    }

    private int remaining(final int at)
    {
        return offset + length - at;
    }

    private MutableDirectBuffer mutable()
    {
        return (MutableDirectBuffer)buffer;
    }
}
