package io.dashcast.sim;

/**
 * Why the simulated node closed (or lost) a connection; each matches a Dash Core v22.1.1 rule
 * ({@code src/net.cpp}, {@code src/net_processing.cpp}) or a scripted misbehaviour.
 */
public enum DisconnectReason
{
    /** The client closed the connection (end of stream). */
    PEER_CLOSED,
    /** A socket error (connection reset...). */
    IO_ERROR,
    /** The node was closed. */
    NODE_CLOSED,
    /** No verack within the peer timeout ({@code -peertimeout}, 60 s). */
    HANDSHAKE_TIMEOUT,
    /** The client's version is below MIN_PEER_PROTO_VERSION (70216). */
    OBSOLETE_VERSION,
    /** The client's version nonce is one the node sent: "connected to self". */
    SELF_CONNECTION,
    /** The client claims a masternode connection but the node is not a masternode. */
    MASTERNODE_CONNECTION,
    /** Devnet: the client's user agent lacks {@code devnet.devnet-<name>}. */
    WRONG_DEVNET,
    /** Misbehaviour score reached 100. */
    MISBEHAVIOUR,
    /** {@code sendaddrv2} after verack. */
    SENDADDRV2_AFTER_VERACK,
    /** A {@code getheaders} locator with more than 101 entries. */
    LOCATOR_TOO_LARGE,
    /** A frame with the wrong network magic. */
    WRONG_MAGIC,
    /** A frame header announcing more than 3 MiB. */
    OVERSIZED_MESSAGE,
    /** The node's ping went unanswered for the ping timeout (20 min). */
    PING_TIMEOUT,
    /** Scripted: closed on the client's version. */
    SCRIPTED_CLOSE_DURING_HANDSHAKE,
    /** Scripted: reset (RST) after some bytes of a block. */
    SCRIPTED_RESET_MID_BLOCK,
    /** Closed by the test through {@link SimConnection#disconnect()}. */
    SCRIPTED_DISCONNECT
}
