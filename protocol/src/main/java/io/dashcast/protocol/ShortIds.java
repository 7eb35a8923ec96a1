package io.dashcast.protocol;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * BIP152 short transaction ids as Dash Core computes them (compact block version 1): the keys
 * k0 and k1 are the first two little-endian uint64 of the single SHA-256 of the 80-byte header
 * followed by the 8-byte nonce, and a short id is SipHash-2-4(k0, k1, txid) with its upper 16
 * bits cleared. The txid is the double SHA-256 of the whole transaction (Dash has no wtxid).
 * <pre>
 *  keys:     SHA256(header[80] || nonce u64 LE) -> k0 = bytes 0..7 LE, k1 = bytes 8..15 LE
 *  short id: SipHash-2-4(k0, k1, txid[32]) &amp; 0xffff_ffff_ffff   (6 bytes on the wire, LE)
 * </pre>
 * Holds its keys and a hasher, so it allocates nothing once built. Not thread safe.
 */
public final class ShortIds
{
    /** Bytes of a short id on the wire. */
    public static final int LENGTH = 6;
    /** Mask of the 48 bits kept. */
    public static final long MASK = 0xffff_ffff_ffffL;
    /** Bytes hashed for the keys: the header and the nonce. */
    public static final int KEY_INPUT_LENGTH = BlockView.HEADER_LENGTH + 8;

    private static final long C0 = 0x736f6d6570736575L;
    private static final long C1 = 0x646f72616e646f6dL;
    private static final long C2 = 0x6c7967656e657261L;
    private static final long C3 = 0x7465646279746573L;

    private final Sha256d sha256d = new Sha256d();
    private final byte[] digest = new byte[Sha256d.HASH_LENGTH];
    private final UnsafeBuffer digestBuffer = new UnsafeBuffer(digest);
    private long k0;
    private long k1;

    /**
     * Derive the keys from a header immediately followed by its nonce, as they lie in a
     * {@code cmpctblock} payload.
     *
     * @param buffer holding 88 bytes: header then nonce.
     * @param offset of the header.
     * @return this.
     */
    public ShortIds keys(final DirectBuffer buffer, final int offset)
    {
        sha256d.sha256(buffer, offset, KEY_INPUT_LENGTH, digest);
        k0 = digestBuffer.getLong(0, LITTLE_ENDIAN);
        k1 = digestBuffer.getLong(8, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Set the keys directly (tests and vectors).
     *
     * @param k0 first key.
     * @param k1 second key.
     * @return this.
     */
    public ShortIds keys(final long k0, final long k1)
    {
        this.k0 = k0;
        this.k1 = k1;
        return this;
    }

    /**
     * @return first key.
     */
    public long k0()
    {
        return k0;
    }

    /**
     * @return second key.
     */
    public long k1()
    {
        return k1;
    }

    /**
     * @param txid   buffer holding a 32-byte txid, internal order.
     * @param offset of the txid.
     * @return its 48-bit short id.
     */
    public long shortId(final DirectBuffer txid, final int offset)
    {
        return sipHash32(k0, k1, txid, offset) & MASK;
    }

    /**
     * @param txid   array holding a 32-byte txid, internal order.
     * @param offset of the txid.
     * @return its 48-bit short id.
     */
    public long shortId(final byte[] txid, final int offset)
    {
        digestBuffer.putBytes(0, txid, offset, Sha256d.HASH_LENGTH);
        return shortId(digestBuffer, 0);
    }

    /**
     * Hash a serialized transaction to its txid and then to its short id.
     *
     * @param tx     buffer holding the transaction.
     * @param offset first byte.
     * @param length bytes.
     * @return its 48-bit short id.
     */
    public long shortIdOfTransaction(final DirectBuffer tx, final int offset, final int length)
    {
        sha256d.hash(tx, offset, length, digest, 0);
        return shortId(digestBuffer, 0);
    }

    /**
     * SipHash-2-4 of a 32-byte message (Bitcoin's {@code SipHashUint256}): four message words, then
     * the final word holding only the length (32) in its top byte. Kept in locals: no allocation.
     *
     * @param k0     first key.
     * @param k1     second key.
     * @param buffer holding the 32 bytes.
     * @param offset of the first byte.
     * @return the 64-bit hash.
     */
    public static long sipHash32(final long k0, final long k1, final DirectBuffer buffer, final int offset)
    {
        long v0 = C0 ^ k0;
        long v1 = C1 ^ k1;
        long v2 = C2 ^ k0;
        long v3 = C3 ^ k1;
        for (int word = 0; word < 5; word++)
        {
            final long m = word < 4 ? buffer.getLong(offset + word * 8, LITTLE_ENDIAN) : 32L << 56;
            v3 ^= m;
            for (int r = 0; r < 2; r++)
            {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13) ^ v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16) ^ v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21) ^ v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17) ^ v2;
                v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++)
        {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13) ^ v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16) ^ v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21) ^ v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17) ^ v2;
            v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /**
     * SipHash-2-4 of any message, for checks against the reference vectors of the SipHash paper.
     *
     * @param k0     first key.
     * @param k1     second key.
     * @param buffer holding the message.
     * @param offset of the first byte.
     * @param length bytes.
     * @return the 64-bit hash.
     */
    public static long sipHash(final long k0, final long k1, final DirectBuffer buffer, final int offset, final int length)
    {
        final long[] v = {C0 ^ k0, C1 ^ k1, C2 ^ k0, C3 ^ k1};
        final int words = length / 8;
        for (int i = 0; i < words; i++)
        {
            absorb(v, buffer.getLong(offset + i * 8, LITTLE_ENDIAN));
        }
        long last = (long)(length & 0xff) << 56;
        for (int i = words * 8, shift = 0; i < length; i++, shift += 8)
        {
            last |= (buffer.getByte(offset + i) & 0xffL) << shift;
        }
        absorb(v, last);
        v[2] ^= 0xff;
        for (int i = 0; i < 4; i++)
        {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void absorb(final long[] v, final long m)
    {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(final long[] v)
    {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13);
        v[1] ^= v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16);
        v[3] ^= v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21);
        v[3] ^= v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17);
        v[1] ^= v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }
}
