package io.dashcast.engine;

/**
 * Which frame of a ring slot a peer was sent for a block.
 */
public enum FrameKind
{
    /** The whole {@code block}. */
    FULL_BLOCK,
    /** A BIP152 {@code cmpctblock} (coinbase prefilled, other transactions by short id). */
    COMPACT_BLOCK,
    /** Only a {@code headers} announcement; the peer may ask for the block with {@code getdata}. */
    HEADER_ONLY
}
