package io.dashcast.engine;

/**
 * Why {@link SendPolicy} chose a {@link FrameKind} for a peer, recorded in the receipt.
 */
public enum SendReason
{
    /** The peer is known to be on another tip, or its tip is unknown and pushing is off: a block could cost us 10 points. */
    PARENT_UNKNOWN(FrameKind.HEADER_ONLY),
    /** The peer did not announce compact blocks version 1 (or compact blocks are disabled). */
    NO_COMPACT_SUPPORT(FrameKind.FULL_BLOCK),
    /** The block cannot be sent compact (more than 65,535 transactions, or its compact frame does not fit the slot). */
    COMPACT_UNAVAILABLE(FrameKind.FULL_BLOCK),
    /** The compact frame saves under a tenth of the bytes (a block of few, large transactions). */
    COMPACT_NOT_SMALLER(FrameKind.FULL_BLOCK),
    /** The peer is our own dashd: it built the template and holds every transaction. */
    OWN_NODE(FrameKind.COMPACT_BLOCK),
    /** No uplink budget: the peer asked getblocktxn for at most half of its last compact blocks, so it likely rebuilds this one at once. */
    LIKELY_RECONSTRUCTS(FrameKind.COMPACT_BLOCK),
    /** No uplink budget: the peer asked getblocktxn for most of its last compact blocks; a full block spares it the round trip. */
    RECONSTRUCTION_UNLIKELY(FrameKind.FULL_BLOCK),
    /** The bytes a compact block saves take longer on the uplink than a getblocktxn round trip to the peer. */
    UPLINK_SAVING(FrameKind.COMPACT_BLOCK),
    /** The round trip a getblocktxn may cost exceeds what the compact block saves on the uplink. */
    ROUND_TRIP_COSTLIER(FrameKind.FULL_BLOCK),
    /** Held back for want of its parent, then pushed once the peer's chain gained the parent. */
    PARENT_ARRIVED(FrameKind.FULL_BLOCK),
    /** The peer asked for it with {@code getdata} (after a header-only announcement). */
    REQUESTED(null);

    private final FrameKind frameKind;

    SendReason(final FrameKind frameKind)
    {
        this.frameKind = frameKind;
    }

    /**
     * @return the frame this reason leads to (null for {@link #REQUESTED}: whatever was asked for).
     */
    public FrameKind frameKind()
    {
        return frameKind;
    }
}
