package io.dashcast.protocol;

import java.util.HexFormat;

/**
 * Text forms of 32-byte hashes. Dash shows hashes byte-reversed ("display order") relative to
 * how they travel on the wire ("internal order").
 */
public final class Hashes
{
    private static final HexFormat HEX = HexFormat.of();

    private Hashes()
    {
    }

    /**
     * @param hash   array holding an internal-order hash.
     * @param offset of its first byte.
     * @return 64 hex digits in display order.
     */
    public static String toDisplayHex(final byte[] hash, final int offset)
    {
        final byte[] reversed = new byte[Sha256d.HASH_LENGTH];
        for (int i = 0; i < Sha256d.HASH_LENGTH; i++)
        {
            reversed[i] = hash[offset + Sha256d.HASH_LENGTH - 1 - i];
        }
        return HEX.formatHex(reversed);
    }

    /**
     * @param displayHex 64 hex digits in display order.
     * @return the 32 bytes in internal order.
     */
    public static byte[] fromDisplayHex(final String displayHex)
    {
        final byte[] bytes = HEX.parseHex(displayHex);
        if (bytes.length != Sha256d.HASH_LENGTH)
        {
            throw new IllegalArgumentException("a hash is 64 hex digits, got " + displayHex.length());
        }
        for (int i = 0; i < 16; i++)
        {
            final byte t = bytes[i];
            bytes[i] = bytes[31 - i];
            bytes[31 - i] = t;
        }
        return bytes;
    }
}
