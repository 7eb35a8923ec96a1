package io.dashcast.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Double SHA-256 (SHA256(SHA256(x))), the hash of Dash message checksums, txids and merkle trees.
 * <p>
 * Holds one JDK digest and scratch space, so hashing allocates nothing. Not thread safe: keep one
 * per thread.
 */
public final class Sha256d
{
    /** Bytes in a digest. */
    public static final int HASH_LENGTH = 32;
    private static final int CHUNK = 16 * 1024;
    /** Small enough that a chunk copied in is still in L1 when it is hashed and copied out. */
    private static final int COPY_CHUNK = 8 * 1024;

    private final MessageDigest sha256;
    private final byte[] chunk = new byte[CHUNK];
    private final byte[] digest = new byte[HASH_LENGTH];

    /**
     * Create a hasher over the JDK's SHA-256.
     */
    public Sha256d()
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    }

    /**
     * Hash a range twice and write the 32-byte result.
     *
     * @param src       bytes to hash.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param dst       where to write the 32-byte digest.
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        hashToScratch(src, offset, length);
        dst.putBytes(dstOffset, digest, 0, HASH_LENGTH);
    }

    /**
     * Hash a range twice and write the 32-byte result into an array.
     *
     * @param src       bytes to hash.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param dst       where to write the 32-byte digest.
     * @param dstOffset offset in {@code dst}.
     */
    public void hash(final DirectBuffer src, final int offset, final int length, final byte[] dst, final int dstOffset)
    {
        hashToScratch(src, offset, length);
        System.arraycopy(digest, 0, dst, dstOffset, HASH_LENGTH);
    }

    /**
     * The message checksum: the first four bytes of SHA256d as a little-endian int.
     *
     * @param src    payload.
     * @param offset first byte.
     * @param length number of bytes.
     * @return checksum to compare with {@link MessageHeaderFlyweight#checksum()}.
     */
    public int checksum(final DirectBuffer src, final int offset, final int length)
    {
        hashToScratch(src, offset, length);
        return (digest[0] & 0xff) | (digest[1] & 0xff) << 8 | (digest[2] & 0xff) << 16 | (digest[3] & 0xff) << 24;
    }

    /**
     * Copy a range and compute its message checksum in the same pass: the bytes go through the
     * scratch array in chunks that stay in L1, each hashed and written on while it is there, so the
     * source is read from memory once and the copy is never read back.
     *
     * @param src       bytes to copy and hash.
     * @param srcOffset first byte.
     * @param dst       where the copy goes.
     * @param dstOffset first byte of the copy.
     * @param length    number of bytes.
     * @return the first four bytes of SHA256d of the range as a little-endian int, as {@link #checksum}.
     */
    public int copyAndChecksum(
        final DirectBuffer src, final int srcOffset, final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        sha256.reset();
        final byte[] array = src.byteArray();
        int done = 0;
        while (done < length)
        {
            final int n = Math.min(COPY_CHUNK, length - done);
            if (array != null)
            {
                // A heap source is hashed in place; the copy follows while the chunk is in L1.
                sha256.update(array, (int)src.wrapAdjustment() + srcOffset + done, n);
                dst.putBytes(dstOffset + done, src, srcOffset + done, n);
            }
            else
            {
                src.getBytes(srcOffset + done, chunk, 0, n);
                sha256.update(chunk, 0, n);
                dst.putBytes(dstOffset + done, chunk, 0, n);
            }
            done += n;
        }
        return finishChecksum();
    }

    /**
     * Single SHA-256 of a range (used for BIP152 short-id keys).
     *
     * @param src    bytes to hash.
     * @param offset first byte.
     * @param length number of bytes.
     * @param dst    where to write 32 bytes.
     */
    public void sha256(final DirectBuffer src, final int offset, final int length, final byte[] dst)
    {
        updateDigest(src, offset, length);
        finish(dst);
    }

    /**
     * Start an incremental hash (for a checksum over a payload that lies in several ranges).
     */
    public void reset()
    {
        sha256.reset();
    }

    /**
     * Feed a range to the incremental hash started by {@link #reset()}.
     *
     * @param src    bytes to hash.
     * @param offset first byte.
     * @param length number of bytes.
     */
    public void update(final DirectBuffer src, final int offset, final int length)
    {
        updateDigest(src, offset, length);
    }

    /**
     * Finish the incremental hash as a message checksum.
     *
     * @return the first four bytes of SHA256d of everything fed since {@link #reset()}, little-endian.
     */
    public int finishChecksum()
    {
        finish(digest);
        sha256.update(digest, 0, HASH_LENGTH);
        finish(digest);
        return (digest[0] & 0xff) | (digest[1] & 0xff) << 8 | (digest[2] & 0xff) << 16 | (digest[3] & 0xff) << 24;
    }

    private void hashToScratch(final DirectBuffer src, final int offset, final int length)
    {
        updateDigest(src, offset, length);
        finish(digest);
        sha256.update(digest, 0, HASH_LENGTH);
        finish(digest);
    }

    private void updateDigest(final DirectBuffer src, final int offset, final int length)
    {
        final byte[] array = src.byteArray();
        if (array != null)
        {
            sha256.update(array, src.wrapAdjustment() + offset, length);
            return;
        }
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            final int n = Math.min(CHUNK, end - position);
            src.getBytes(position, chunk, 0, n);
            sha256.update(chunk, 0, n);
            position += n;
        }
    }

    private void finish(final byte[] dst)
    {
        try
        {
            sha256.digest(dst, 0, HASH_LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
