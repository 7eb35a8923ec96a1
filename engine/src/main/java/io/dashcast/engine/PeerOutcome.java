package io.dashcast.engine;

/**
 * What became of one block at one peer.
 */
public enum PeerOutcome
{
    /** Still being written or awaiting proof of processing. */
    PENDING,
    /** Every byte was taken by the kernel; no proof of processing arrived in time. */
    HANDED_OFF,
    /** Handed off, and the peer proved it processed the block (a pong to the ping sent behind it). */
    ACKED,
    /** Only the header was announced, because the peer was known to lack the parent; it did not ask. */
    HELD_BACK,
    /** The peer was not connected and handshaken when the block arrived. */
    NOT_READY,
    /** Writing failed or timed out; the peer was cut. */
    FAILED;

    /**
     * @return true when no more change is expected.
     */
    public boolean isFinal()
    {
        return this != PENDING;
    }
}
