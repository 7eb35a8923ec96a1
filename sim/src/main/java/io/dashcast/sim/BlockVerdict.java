package io.dashcast.sim;

/**
 * What the simulated node made of a {@code block} message, with the misbehaviour score and the
 * reject reason Dash Core v22.1.1 gives the same case ({@code CheckBlock}, {@code AcceptBlockHeader},
 * {@code AcceptBlock}, {@code ContextualCheckBlock} in {@code src/validation.cpp};
 * {@code MaybePunishNodeForBlock} in {@code src/net_processing.cpp}). A score of 100 disconnects
 * the peer (loopback peers are disconnected, not discouraged).
 */
public enum BlockVerdict
{
    /** Valid and connected: the block is (or leads to) the new best tip. */
    ACCEPTED_NEW_TIP(0, ""),
    /** Valid and stored, but not on the best chain (equal-work fork, or an ancestor lacks data). */
    ACCEPTED_NOT_TIP(0, ""),
    /** Already had this block's data: ignored, no penalty. */
    DUPLICATE(0, "duplicate"),
    /** Arrived before the handshake finished: Dash Core drops it ("prior to verack"), no penalty. */
    IGNORED_BEFORE_HANDSHAKE(0, "prior-to-verack"),
    /** Unrequested and less work than the tip: ignored, no penalty. */
    IGNORED_LESS_WORK(0, "less-work"),
    /** Unrequested and more than 288 blocks ahead of the tip: ignored, no penalty. */
    IGNORED_TOO_FAR_AHEAD(0, "too-far-ahead"),
    /** Time more than two hours ahead of the node's clock: not stored, no penalty (BLOCK_TIME_FUTURE). */
    TIME_TOO_NEW(0, "time-too-new"),
    /** Parent unknown (BLOCK_MISSING_PREV): 10 points. */
    ORPHAN(10, "prev-blk-not-found"),
    /** X11 of the header above the target, or a malformed/too-easy target: 100 points. */
    HIGH_HASH(100, "high-hash"),
    /** Transactions do not hash to the merkle root (BLOCK_MUTATED): 100 points. */
    BAD_MERKLE_ROOT(100, "bad-txnmrklroot"),
    /** The same transaction twice (BLOCK_MUTATED): 100 points. */
    DUPLICATE_TRANSACTIONS(100, "bad-txns-duplicate"),
    /** No transactions, or larger than the block size limit: 100 points. */
    BAD_BLOCK_LENGTH(100, "bad-blk-length"),
    /** First transaction not a coinbase, or a second coinbase, or a coinbase scriptSig outside 2..100 bytes. */
    BAD_COINBASE(100, "bad-cb-missing"),
    /** A transaction without inputs or outputs, over 1 MB, or a non-coinbase spending the null outpoint. */
    BAD_TRANSACTION(100, "bad-txns"),
    /** Coinbase scriptSig does not start with the block height (BIP34): 100 points. */
    BAD_COINBASE_HEIGHT(100, "bad-cb-height"),
    /** Time not above the median of the previous 11 blocks: 100 points. */
    TIME_TOO_OLD(100, "time-too-old"),
    /** nBits differs from what the chain requires (regtest: the parent's): 100 points. */
    BAD_DIFFBITS(100, "bad-diffbits"),
    /** The payload does not deserialize as a block: Dash Core catches the exception and drops it, no penalty. */
    MALFORMED(0, "deserialize"),
    /** The frame's checksum is wrong: Dash Core drops the message silently, no penalty. */
    BAD_CHECKSUM(0, "checksum");

    private final int score;
    private final String rejectReason;

    BlockVerdict(final int score, final String rejectReason)
    {
        this.score = score;
        this.rejectReason = rejectReason;
    }

    /**
     * @return misbehaviour points Dash Core adds to the sending peer.
     */
    public int score()
    {
        return score;
    }

    /**
     * @return Dash Core's reject reason for this case (empty when accepted).
     */
    public String rejectReason()
    {
        return rejectReason;
    }

    /**
     * @return true when the block was valid and stored.
     */
    public boolean accepted()
    {
        return this == ACCEPTED_NEW_TIP || this == ACCEPTED_NOT_TIP;
    }
}
