package io.dashcast.engine;

/**
 * One change to a loop's share of the live peer set, sent by the broadcaster's control side to the
 * loop through its command queue (as Aeron's conductor sends commands to its Sender) and applied by
 * the loop at the top of a duty cycle: the loop is never locked. Allocated per change, never per
 * broadcast.
 */
final class PeerCommand
{
    /** What to do. */
    enum Kind
    {
        /** Take the connection and start its handshake. */
        ADD,
        /** Stop giving the peer blocks; close it once its in-flight blocks have an outcome. */
        REMOVE,
        /** Give the peer a new priority (the loop's write order follows it). */
        PRIORITY
    }

    final Kind kind;
    final int index;
    final PeerConnection connection;
    final PeerEndpoint endpoint;

    private PeerCommand(final Kind kind, final int index, final PeerConnection connection, final PeerEndpoint endpoint)
    {
        this.kind = kind;
        this.index = index;
        this.connection = connection;
        this.endpoint = endpoint;
    }

    static PeerCommand add(final PeerConnection connection)
    {
        return new PeerCommand(Kind.ADD, connection.index, connection, connection.endpoint);
    }

    static PeerCommand remove(final int index)
    {
        return new PeerCommand(Kind.REMOVE, index, null, null);
    }

    static PeerCommand priority(final int index, final PeerEndpoint endpoint)
    {
        return new PeerCommand(Kind.PRIORITY, index, null, endpoint);
    }
}
