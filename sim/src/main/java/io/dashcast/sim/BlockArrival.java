package io.dashcast.sim;

import io.dashcast.protocol.Hashes;

/**
 * One block received on one connection, in a {@code block} message or rebuilt from a
 * {@code cmpctblock} (and a {@code blocktxn}): which block, when its last byte arrived, how big it
 * was, how it came, and what the node made of it. Immutable.
 */
public final class BlockArrival
{
    /**
     * How the block's bytes reached the node.
     */
    public enum Via
    {
        /** A {@code block} message. */
        BLOCK,
        /** Rebuilt from a {@code cmpctblock} and the mempool alone. */
        CMPCTBLOCK,
        /** Rebuilt from a {@code cmpctblock}, the mempool and a {@code blocktxn}. */
        BLOCKTXN
    }

    private final int connectionId;
    private final byte[] hash;
    private final long arrivalNs;
    private final int sizeBytes;
    private final int checksum;
    private final BlockVerdict verdict;
    private final byte[] bytes;
    private final Via via;

    BlockArrival(
        final int connectionId,
        final byte[] hash,
        final long arrivalNs,
        final int sizeBytes,
        final int checksum,
        final BlockVerdict verdict,
        final byte[] bytes,
        final Via via)
    {
        this.via = via;
        this.connectionId = connectionId;
        this.hash = hash;
        this.arrivalNs = arrivalNs;
        this.sizeBytes = sizeBytes;
        this.checksum = checksum;
        this.verdict = verdict;
        this.bytes = bytes;
    }

    /**
     * @return how the block came: a {@code block} message, or rebuilt from a compact block.
     */
    public Via via()
    {
        return via;
    }

    /**
     * @return id of the connection it came on ({@link SimConnection#id()}).
     */
    public int connectionId()
    {
        return connectionId;
    }

    /**
     * @return X11 of the header, internal order (a copy); zeros if the payload was shorter than a header.
     */
    public byte[] hash()
    {
        return hash.clone();
    }

    /**
     * @return the hash in display order.
     */
    public String hashHex()
    {
        return Hashes.toDisplayHex(hash, 0);
    }

    /**
     * @return {@link System#nanoTime()} right after the read that completed the frame.
     */
    public long arrivalNs()
    {
        return arrivalNs;
    }

    /**
     * @return payload bytes (the block; the 24-byte frame header excluded).
     */
    public int sizeBytes()
    {
        return sizeBytes;
    }

    /**
     * @return the frame header's checksum (first four bytes of SHA256d of the payload, little-endian);
     * verified unless the verdict is {@link BlockVerdict#BAD_CHECKSUM}.
     */
    public int checksum()
    {
        return checksum;
    }

    /**
     * @return what the node did with it.
     */
    public BlockVerdict verdict()
    {
        return verdict;
    }

    /**
     * @return a copy of the exact payload bytes, or null unless the node records them
     * ({@link SimulatedDashNode.Context#recordBlockBytes(boolean)}).
     */
    public byte[] bytes()
    {
        return bytes == null ? null : bytes.clone();
    }

    /**
     * @param hashInternal a block hash, internal order.
     * @return true when this arrival carried that block.
     */
    public boolean isBlock(final byte[] hashInternal)
    {
        return java.util.Arrays.equals(hash, hashInternal);
    }

    @Override
    public String toString()
    {
        return "BlockArrival{conn=" + connectionId + ", hash=" + hashHex() + ", size=" + sizeBytes +
            ", via=" + via + ", verdict=" + verdict + '}';
    }
}
