package io.dashcast.protocol;

import io.dashcast.protocol.x11.X11Chain;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * X11, the proof-of-work hash that names a Dash block: eleven 512-bit hashes chained in the
 * order blake, bmw, groestl, skein, jh, keccak, luffa, cubehash, shavite, simd, echo, each over
 * the previous 64-byte output; the result is the first 32 bytes of the last.
 * <p>
 * The eleven functions are dashcast's own ({@link X11Chain}), specialised for X11's fixed lengths;
 * a hash allocates nothing. Not thread safe: keep one per thread.
 */
public final class X11
{
    /** Bytes in an X11 hash. */
    public static final int HASH_LENGTH = X11Chain.HASH_LENGTH;

    private final X11Chain chain = new X11Chain();
    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);

    /**
     * Hash bytes held in an array.
     *
     * @param src       input.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param dst       where the 32-byte hash goes (internal byte order).
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(final byte[] src, final int offset, final int length, final byte[] dst, final int dstOffset)
    {
        arrayView.wrap(src);
        chain.hash(arrayView, offset, length, dst, dstOffset);
    }

    /**
     * Hash a range of a buffer, typically an 80-byte block header.
     *
     * @param src       input.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param dst       where the 32-byte hash goes (internal byte order).
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(final DirectBuffer src, final int offset, final int length, final byte[] dst, final int dstOffset)
    {
        chain.hash(src, offset, length, dst, dstOffset);
    }
}
