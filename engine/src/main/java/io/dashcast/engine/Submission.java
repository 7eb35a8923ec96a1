package io.dashcast.engine;

import io.dashcast.engine.dashd.SubmitBlockResult;

import java.util.concurrent.CompletableFuture;

/**
 * One block sent down every path at once by {@link Broadcaster#submitAll}: the P2P fan-out and the
 * local dashd's RPC {@code submitblock}, in parallel. Each path's answer is a future of its own,
 * so a caller can answer a pool as soon as dashd has spoken ({@link #rpc()}) while the P2P receipt
 * ({@link #p2p()}) is still filling in; {@link #done()} completes when both have.
 * <p>
 * A block refused before any peer got it (malformed, failed proof of work or merkle root, ring
 * full, closed) has a {@link #p2pRefusal()} and a null receipt. A block seen before is a
 * duplicate: {@link #first()} is the submission that did go out, whose futures this one shares.
 */
public final class Submission
{
    private final String hash;
    private final int sizeBytes;
    private final long startNs;
    private final Submission first;
    private final String p2pRefusal;
    private final String rejectReason;
    private final CompletableFuture<BroadcastReceipt> p2p;
    private final CompletableFuture<SubmitBlockResult> rpc;
    private final CompletableFuture<Submission> done;
    private volatile long totalNs = -1;

    Submission(
        final String hash, final int sizeBytes, final long startNs, final Submission first, final String p2pRefusal,
        final String rejectReason, final CompletableFuture<BroadcastReceipt> p2p,
        final CompletableFuture<SubmitBlockResult> rpc)
    {
        this.hash = hash;
        this.sizeBytes = sizeBytes;
        this.startNs = startNs;
        this.first = first;
        this.p2pRefusal = p2pRefusal;
        this.rejectReason = rejectReason;
        this.p2p = p2p;
        this.rpc = rpc;
        this.done = p2p.thenCombine(rpc, (receipt, result) -> this);
        if (first == null)
        {
            done.thenRun(() -> totalNs = System.nanoTime() - startNs);
        }
    }

    /**
     * @return the block's hash, display order, or {@code "(not a block)"}.
     */
    public String hash()
    {
        return hash;
    }

    /**
     * @return bytes of the block.
     */
    public int sizeBytes()
    {
        return sizeBytes;
    }

    /**
     * @return true when the same block was submitted before: nothing new was sent.
     */
    public boolean duplicate()
    {
        return first != null;
    }

    /**
     * @return the submission that sent this block out, or null when this is it.
     */
    public Submission first()
    {
        return first;
    }

    /**
     * @return why no peer got the block (it was never in a ring slot), or null.
     */
    public String p2pRefusal()
    {
        return first != null ? first.p2pRefusal : p2pRefusal;
    }

    /**
     * @return Dash Core's reject reason when the validation gate refused the block ({@code high-hash},
     * {@code bad-txnmrklroot}, {@code bad-diffbits}, {@code bad-cb-missing}, {@code bad-blk-length}),
     * else null.
     */
    public String rejectReason()
    {
        return first != null ? first.rejectReason : rejectReason;
    }

    /**
     * @return the P2P receipt; completes with null when the block was refused.
     */
    public CompletableFuture<BroadcastReceipt> p2p()
    {
        return p2p;
    }

    /**
     * @return dashd's answer; completes with null when the RPC fallback is off.
     */
    public CompletableFuture<SubmitBlockResult> rpc()
    {
        return rpc;
    }

    /**
     * @return completes with this submission once every path has answered.
     */
    public CompletableFuture<Submission> done()
    {
        return done;
    }

    /**
     * @return the receipt once {@link #done()}, else null.
     */
    public BroadcastReceipt receipt()
    {
        return p2p.getNow(null);
    }

    /**
     * @return dashd's answer once {@link #done()}, else null.
     */
    public SubmitBlockResult rpcResult()
    {
        return rpc.getNow(null);
    }

    /**
     * @return submission until every path had answered (the first submission's), -1 before.
     */
    public long totalNs()
    {
        return first != null ? first.totalNs : totalNs;
    }

    /**
     * @return true when a path has the block: a peer acknowledged it or dashd has it.
     */
    public boolean anyPathTookIt()
    {
        final BroadcastReceipt receipt = receipt();
        final SubmitBlockResult result = rpcResult();
        return (receipt != null && receipt.ackCount() > 0) || (result != null && result.dashdHasBlock());
    }
}
