package io.dashcast.engine.status;

/**
 * The broadcaster-wide counters, in the manner of Aeron's {@code SystemCounterDescriptor}: adding a
 * figure is one line here (id, label), and it appears in the counters file, {@code dashcast stat} and
 * the Prometheus collector. Ids are stable: they are the counters' keys in the file.
 */
public enum SystemCounterDescriptor
{
    /** Blocks accepted into the ring. */
    BLOCKS_SUBMITTED(0, "blocks submitted"),
    /** Submissions refused: ring full, invalid, too large, closed. */
    BLOCKS_REJECTED(1, "blocks rejected at submit"),
    /** Broadcasts whose receipt is complete. */
    BLOCKS_COMPLETED(2, "blocks completed"),
    /** Completed, reached at least one peer, and no peer failed. */
    BLOCKS_DELIVERED(3, "blocks delivered to every ready peer"),
    /** Completed, reached at least one peer, but some peer failed or was cut. */
    BLOCKS_PARTIAL(4, "blocks delivered to some peers"),
    /** Completed without reaching any peer. */
    BLOCKS_UNSENT(5, "blocks unsent (no peer reached)"),
    /** Peer hand-offs (the kernel took the last byte), all peers. */
    HANDOFFS(6, "peer hand-offs"),
    /** Peer acks (proof of processing), all peers. */
    ACKS(7, "peer acks"),
    /** Blocks announced by header only, all peers. */
    HELD_BACK(8, "peer blocks held back"),
    /** Peer blocks failed or cut, all peers. */
    PEER_BLOCK_FAILURES(9, "peer blocks failed or cut"),
    /** Connection failures, all peers. */
    PEER_FAILURES(10, "peer connection failures"),
    /** Peers configured. */
    PEERS_CONFIGURED(11, "peers configured"),
    /** Peers READY now (gauge, sampled). */
    PEERS_READY(12, "peers ready"),
    /** Block bytes handed off in full-block frames, all peers. */
    BLOCK_BYTES(13, "block bytes handed off"),
    /** Sum of submit-to-last-hand-off times of blocks that reached a peer, ns (for the average). */
    BROADCAST_TIME_SUM_NS(14, "broadcast time sum ns"),
    /** Local dashd RPC submitblock: accepted. */
    RPC_ACCEPTED(15, "rpc fallback accepted"),
    /** Local dashd RPC submitblock: duplicate (dashd had it, often from our own P2P push). */
    RPC_DUPLICATE(16, "rpc fallback duplicate"),
    /** Local dashd RPC submitblock: inconclusive. */
    RPC_INCONCLUSIVE(17, "rpc fallback inconclusive"),
    /** Local dashd RPC submitblock: rejected by dashd. */
    RPC_REJECTED(18, "rpc fallback rejected"),
    /** Local dashd RPC submitblock: error, unreachable, unauthorized, queue full or closed. */
    RPC_FAILED(19, "rpc fallback failed"),
    /** Blocks seen on the best chain by the local dashd. */
    CHAIN_LANDED(20, "blocks landed on the best chain"),
    /** Blocks another block at their height replaced. */
    CHAIN_ORPHANED(21, "blocks orphaned"),
    /** Blocks under a ChainLock. */
    CHAIN_LOCKED(22, "blocks chainlocked"),
    /** Epoch ms of the last completed broadcast (gauge). */
    LAST_BLOCK_EPOCH_MS(23, "last block epoch ms"),
    /** Errors reported to the engine's error handler. */
    ERRORS(24, "errors");

    /** Counter type id of system counters in the counters file. */
    public static final int TYPE_ID = 1;

    private final int id;
    private final String label;

    SystemCounterDescriptor(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /**
     * @return stable id, the counter's key in the file.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return human-readable label.
     */
    public String label()
    {
        return label;
    }
}
