package io.dashcast.engine;

/**
 * Why a peer connection was closed or a peer did not get a block. Counted per peer.
 */
public enum FailureReason
{
    NONE,
    CONNECT_REFUSED,
    /** The peer's host name did not resolve (looked up again off the loop). */
    UNRESOLVED_HOST,
    CONNECT_TIMEOUT,
    HANDSHAKE_TIMEOUT,
    PEER_CLOSED,
    IO_ERROR,
    WRONG_MAGIC,
    MALFORMED_COMMAND,
    OVERSIZED_LENGTH,
    BAD_CHECKSUM,
    MALFORMED_PAYLOAD,
    VERSION_TOO_OLD,
    SELF_CONNECTION,
    UNEXPECTED_MESSAGE,
    PING_TIMEOUT,
    BROADCAST_TIMEOUT,
    /** The peer was not READY when the block arrived. */
    NOT_READY,
    /** More bytes queued for the peer than its bounded send queue holds. */
    SEND_BACKLOG,
    /** The SOCKS5 proxy refused, could not reach the peer, or is not a SOCKS5 proxy. */
    PROXY_FAILED,
    /** The engine was closed before the peer finished. */
    SHUTDOWN,
    /** The peer was removed from the live peer set ({@code Broadcaster.removePeer}) and closed after its in-flight blocks. */
    REMOVED
}
