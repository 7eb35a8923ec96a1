package io.dashcast.engine;

import io.dashcast.protocol.message.AddrFlyweight;
import io.dashcast.protocol.message.AddrV2Flyweight;
import org.agrona.DirectBuffer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a wrapped {@code addr} or {@code addrv2} payload into {@link AnnouncedAddress}es, with the
 * host spelled as people and SOCKS5 proxies expect it: IPv4-mapped addresses as IPv4, Tor v3 as its
 * {@code .onion} name (public key, SHA3-256 checksum and version, base32, as Tor's rend-spec-v3),
 * I2P as {@code .b32.i2p}. Allocates the list it returns: only for address messages, never on the
 * broadcast path.
 */
final class AddressDecoder
{
    private static final byte[] IPV4_MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)0xff, (byte)0xff};
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final byte[] ONION_CHECKSUM_PREFIX = ".onion checksum".getBytes(StandardCharsets.US_ASCII);
    private static final byte TORV3_VERSION = 3;

    private AddressDecoder()
    {
    }

    static List<AnnouncedAddress> decode(final AddrFlyweight addr)
    {
        final List<AnnouncedAddress> out = new ArrayList<>(addr.count());
        final byte[] ip16 = new byte[16];
        for (int i = 0; i < addr.count(); i++)
        {
            addr.getIp(i, ip16);
            final boolean v4 = startsWith(ip16, IPV4_MAPPED);
            out.add(new AnnouncedAddress(v4 ? ipv4(ip16, 12) : ipv6(ip16), addr.port(i), addr.services(i), addr.time(i),
                v4 ? AddrV2Flyweight.NET_IPV4 : AddrV2Flyweight.NET_IPV6));
        }
        return out;
    }

    static List<AnnouncedAddress> decode(final AddrV2Flyweight addr)
    {
        final List<AnnouncedAddress> out = new ArrayList<>(addr.count());
        final DirectBuffer buffer = addr.buffer();
        for (int i = 0; i < addr.count(); i++)
        {
            final byte[] raw = new byte[addr.addressLength(i)];
            buffer.getBytes(addr.addressOffset(i), raw);
            final int network = addr.networkId(i);
            final String host = switch (network)
            {
                case AddrV2Flyweight.NET_IPV4 -> ipv4(raw, 0);
                case AddrV2Flyweight.NET_IPV6, AddrV2Flyweight.NET_CJDNS -> ipv6(raw);
                case AddrV2Flyweight.NET_TORV3 -> onion(raw);
                case AddrV2Flyweight.NET_I2P -> base32(raw) + ".b32.i2p";
                default -> null;
            };
            if (host != null)
            {
                out.add(new AnnouncedAddress(host, addr.port(i), addr.services(i), addr.time(i), network));
            }
        }
        return out;
    }

    /**
     * @param publicKey a Tor v3 onion service's 32-byte ed25519 key.
     * @return its 56-character {@code .onion} name.
     */
    static String onion(final byte[] publicKey)
    {
        final byte[] checksum;
        try
        {
            final MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(ONION_CHECKSUM_PREFIX);
            sha3.update(publicKey);
            sha3.update(TORV3_VERSION);
            checksum = sha3.digest();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK has no SHA3-256", ex);
        }
        final byte[] name = new byte[35];
        System.arraycopy(publicKey, 0, name, 0, 32);
        name[32] = checksum[0];
        name[33] = checksum[1];
        name[34] = TORV3_VERSION;
        return base32(name) + ".onion";
    }

    /**
     * RFC 4648 base32, lower case, no padding.
     */
    static String base32(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (final byte b : bytes)
        {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5)
            {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    private static String ipv4(final byte[] raw, final int offset)
    {
        return (raw[offset] & 0xff) + "." + (raw[offset + 1] & 0xff) + "." + (raw[offset + 2] & 0xff) + "." +
            (raw[offset + 3] & 0xff);
    }

    private static String ipv6(final byte[] raw)
    {
        try
        {
            return InetAddress.getByAddress(raw).getHostAddress().toLowerCase(Locale.ROOT);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not 16 bytes", ex);
        }
    }

    private static boolean startsWith(final byte[] bytes, final byte[] prefix)
    {
        for (int i = 0; i < prefix.length; i++)
        {
            if (bytes[i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }
}
