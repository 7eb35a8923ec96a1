package io.dashcast.engine;

/**
 * The answer to a change of the live peer set ({@link Broadcaster#addPeer}, {@link Broadcaster#removePeer},
 * {@link Broadcaster#pinPeer}, {@link Broadcaster#prioritisePeer}): given at once, without a future.
 * An accepted change is queued to the peer's loop and applied at its next duty cycle.
 */
public enum PeerChange
{
    /** Queued: the peer starts its handshake on the least-loaded loop. */
    ADDED,
    /** Queued: the peer gets no new block and closes once its in-flight blocks have an outcome. */
    REMOVING,
    /** The peer is pinned: never removed until unpinned. */
    PINNED,
    /** The peer is no longer pinned. */
    UNPINNED,
    /** Queued: the peer's loop writes to it in its new priority's turn. */
    PRIORITY_SET,
    /** Nothing to do: the peer already had that pin or priority. */
    UNCHANGED,
    /** No live peer has that name. */
    UNKNOWN_PEER,
    /** A live peer has that name, or that host and port, already. */
    DUPLICATE_PEER,
    /** The peer is pinned: unpin it first. */
    PINNED_PEER,
    /** Every index of the peer table ({@link BroadcasterContext#peerCapacity()}) is taken. */
    TABLE_FULL,
    /** The loop's command queue is full: try again. */
    LOOP_BUSY,
    /** The broadcaster is closed. */
    CLOSED;

    /**
     * @return true when the change was made or queued (or there was nothing to change).
     */
    public boolean accepted()
    {
        return this == ADDED || this == REMOVING || this == PINNED || this == UNPINNED || this == PRIORITY_SET ||
            this == UNCHANGED;
    }
}
