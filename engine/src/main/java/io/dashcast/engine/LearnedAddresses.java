package io.dashcast.engine;

import io.dashcast.protocol.message.AddrV2Flyweight;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Addresses our peers relayed ({@code addr}, {@code addrv2}: the answers to our {@code getaddr}
 * and their own relays), handed from the broadcast loops to the control side through a bounded
 * Agrona {@link ManyToOneRingBuffer}: the loop copies each entry's raw bytes in, without
 * allocating; the control side ({@link #poll}) turns them into host names for the peer store. A
 * full buffer drops the entry (counted): addresses are hints, never worth holding a loop.
 * Only IPv4, IPv6, Tor v3 and I2P entries with a port are kept.
 * <pre>
 *  record (type = BIP155 network id): port u16 | services u64 | time u32 | address bytes
 * </pre>
 */
final class LearnedAddresses
{
    static final int CAPACITY_BYTES = 64 * 1024;
    private static final int PORT = 0;
    private static final int SERVICES = 2;
    private static final int TIME = 10;
    private static final int ADDRESS = 14;
    private static final byte[] ONIONCAT = { (byte)0xfd, (byte)0x87, (byte)0xd8, 0x7e, (byte)0xeb, 0x43 };
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final RingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(CAPACITY_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
    private final AtomicLong dropped = new AtomicLong();

    /**
     * An {@code addr} entry's 16-byte address (IPv4 mapped or IPv6); any loop.
     */
    void offerIp16(final DirectBuffer src, final int offset, final int port, final long services, final long time)
    {
        boolean mapped = src.getByte(offset + 10) == (byte)0xff && src.getByte(offset + 11) == (byte)0xff;
        for (int i = 0; i < 10 && mapped; i++)
        {
            mapped = src.getByte(offset + i) == 0;
        }
        if (mapped)
        {
            offer(AddrV2Flyweight.NET_IPV4, src, offset + 12, 4, port, services, time);
        }
        else
        {
            offer(AddrV2Flyweight.NET_IPV6, src, offset, 16, port, services, time);
        }
    }

    /**
     * An entry of a network we can dial (others are skipped); any loop.
     */
    void offer(
        final int networkId, final DirectBuffer src, final int offset, final int length, final int port,
        final long services, final long time)
    {
        final boolean dialable = networkId == AddrV2Flyweight.NET_IPV4 || networkId == AddrV2Flyweight.NET_IPV6 ||
            networkId == AddrV2Flyweight.NET_TORV3 || networkId == AddrV2Flyweight.NET_I2P;
        if (!dialable || port == 0 || length != AddrV2Flyweight.requiredAddressLength(networkId))
        {
            return;
        }
        final int index = ring.tryClaim(networkId, ADDRESS + length);
        if (index <= 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final org.agrona.concurrent.AtomicBuffer buffer = ring.buffer();
        buffer.putShort(index + PORT, (short)port);
        buffer.putLong(index + SERVICES, services);
        buffer.putInt(index + TIME, (int)time);
        buffer.putBytes(index + ADDRESS, src, offset, length);
        ring.commit(index);
    }

    /**
     * Decode up to {@code limit} addresses (allocates host strings: control side only).
     *
     * @return addresses read.
     */
    int poll(final AddressHandler handler, final int limit)
    {
        return ring.read((type, buffer, index, length) ->
        {
            final byte[] address = new byte[length - ADDRESS];
            buffer.getBytes(index + ADDRESS, address);
            final String host = host(type, address);
            if (host != null)
            {
                handler.onAddress(host, buffer.getShort(index + PORT) & 0xffff, buffer.getLong(index + SERVICES),
                    buffer.getInt(index + TIME) & 0xffff_ffffL);
            }
        }, limit);
    }

    /**
     * @return entries dropped because the buffer was full.
     */
    long dropped()
    {
        return dropped.get();
    }

    static String host(final int networkId, final byte[] address)
    {
        try
        {
            switch (networkId)
            {
                case AddrV2Flyweight.NET_IPV4:
                    return InetAddress.getByAddress(address).getHostAddress();
                case AddrV2Flyweight.NET_IPV6:
                    if (java.util.Arrays.equals(address, 0, ONIONCAT.length, ONIONCAT, 0, ONIONCAT.length))
                    {
                        return null; // Tor v2 in IPv6 (OnionCat): retired.
                    }
                    // Java's full form (no :: compression); an IPv4-mapped address comes back as IPv4.
                    return InetAddress.getByAddress(address).getHostAddress();
                case AddrV2Flyweight.NET_TORV3:
                    return onion(address);
                case AddrV2Flyweight.NET_I2P:
                    return base32(address) + ".b32.i2p";
                default:
                    return null;
            }
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }

    /**
     * Tor v3: base32(public key | checksum[0..2] | version 3) + ".onion", checksum =
     * SHA3-256(".onion checksum" | public key | version), as Dash Core's {@code OnionToString}.
     */
    private static String onion(final byte[] publicKey)
    {
        try
        {
            final MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(".onion checksum".getBytes(StandardCharsets.US_ASCII));
            sha3.update(publicKey);
            sha3.update((byte)3);
            final byte[] checksum = sha3.digest();
            final byte[] all = new byte[35];
            System.arraycopy(publicKey, 0, all, 0, 32);
            all[32] = checksum[0];
            all[33] = checksum[1];
            all[34] = 3;
            return base32(all) + ".onion";
        }
        catch (final NoSuchAlgorithmException ex)
        {
            return null;
        }
    }

    private static String base32(final byte[] bytes)
    {
        final StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (final byte b : bytes)
        {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5)
            {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
