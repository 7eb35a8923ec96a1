package io.dashcast.engine.peers;

/**
 * Where a candidate peer was first heard of.
 */
public enum PeerSource
{
    /** The operator's configuration: pinned, never rotated out. */
    CONFIG,
    /** The local dashd's {@code getpeerinfo}. */
    DASHD_PEERS,
    /** The local dashd's {@code getnodeaddresses}. */
    DASHD_ADDRESSES,
    /** The local dashd's masternode list ({@code protx list valid}). */
    MASTERNODE,
    /** An {@code addr}/{@code addrv2} message from a connected peer. */
    ADDR,
    /** A DNS seed of the network. */
    DNS_SEED,
    /** Added by the operator at run time ({@code dashcast peers add}). */
    OPERATOR
}
