package io.dashcast.sim;

import java.util.Arrays;

/**
 * A 32-byte hash (internal order) usable as a map key. Hashes are uniformly random, so the first
 * four bytes are a good hash code.
 */
final class HashKey
{
    private final byte[] hash;
    private final int hashCode;

    HashKey(final byte[] hash)
    {
        if (hash.length != 32)
        {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + hash.length);
        }
        this.hash = hash;
        this.hashCode = (hash[0] & 0xff) | (hash[1] & 0xff) << 8 | (hash[2] & 0xff) << 16 | (hash[3] & 0xff) << 24;
    }

    static HashKey copyOf(final byte[] src, final int offset)
    {
        return new HashKey(Arrays.copyOfRange(src, offset, offset + 32));
    }

    byte[] bytes()
    {
        return hash;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof HashKey && Arrays.equals(hash, ((HashKey)other).hash);
    }

    @Override
    public int hashCode()
    {
        return hashCode;
    }

    @Override
    public String toString()
    {
        return io.dashcast.protocol.Hashes.toDisplayHex(hash, 0);
    }
}
