package io.dashcast.engine;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcFallback;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Hashes;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.X11;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one block down every path at once: validation gate, once-per-block check, then the P2P
 * fan-out (the block is in its ring slot and going out before anything else here runs) and the
 * local dashd's RPC {@code submitblock} on the fallback thread, in parallel, never after.
 * <p>
 * A block that fails the gate reaches no peer; it still goes to the local dashd by RPC (not a
 * peer: RPC never punishes), so the caller gets dashd's own verdict. Thread safe.
 */
final class ParallelSubmitter implements AutoCloseable
{
    private static final CompletableFuture<SubmitBlockResult> NO_RPC = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<BroadcastReceipt> NO_RECEIPT = CompletableFuture.completedFuture(null);
    /** The P2P refusal of a dry run. */
    static final String DRY_RUN = "dry run: sent nowhere";

    private final Broadcaster broadcaster;
    private final RpcFallback fallback;
    private final boolean validate;
    private final SeenBlocks seen;
    private final ThreadLocal<Scratch> scratch;

    ParallelSubmitter(final Broadcaster broadcaster, final BroadcasterContext ctx, final HashHelper helper)
    {
        this.broadcaster = broadcaster;
        this.fallback = ctx.dashdRpc() == null ? null :
            new RpcFallback(new DashdRpcClient(ctx.dashdRpc()), RpcFallback.DEFAULT_QUEUE_CAPACITY);
        this.validate = ctx.validateBlocks();
        this.seen = new SeenBlocks(ctx.seenBlocks());
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(new BlockGate(ctx.network(), helper)));
    }

    RpcFallback fallback()
    {
        return fallback;
    }

    Submission submit(final DirectBuffer buffer, final int offset, final int length, final byte[] array)
    {
        return submit(buffer, offset, length, array, false);
    }

    /**
     * @param holdWhenRingFull true: when the ring is full send nothing on any path, forget the block
     *                         and return null, so the caller can keep it and try again.
     */
    Submission submit(
        final DirectBuffer buffer, final int offset, final int length, final byte[] array, final boolean holdWhenRingFull)
    {
        final long startNs = System.nanoTime();
        final Scratch s = scratch.get();
        final int verdict = check(s, buffer, offset, length);
        final String hash = length >= BlockView.HEADER_LENGTH ? Hashes.toDisplayHex(s.hash, 0) : "(not a block)";
        if (verdict != BlockGate.PASSED)
        {
            final String reason = verdict < 0 ? "bad-blk-length" : BlockGate.reason(verdict);
            final long code = verdict == BlockGate.BAD_MERKLE_ROOT ? Broadcaster.BAD_MERKLE_ROOT :
                verdict == BlockGate.HIGH_HASH || verdict == BlockGate.BAD_BITS ? Broadcaster.BAD_PROOF_OF_WORK :
                Broadcaster.INVALID_BLOCK;
            broadcaster.countRejected();
            return new Submission(hash, length, startNs, null, Broadcaster.describe(code) + " (" + reason + ")", reason,
                NO_RECEIPT, rpc(buffer, offset, length, array));
        }
        final CompletableFuture<BroadcastReceipt> p2p = new CompletableFuture<>();
        final CompletableFuture<SubmitBlockResult> rpc = new CompletableFuture<>();
        final Submission submission = new Submission(hash, length, startNs, null, null, null, p2p, rpc);
        final Submission first = seen.putIfAbsent(s.hash, submission);
        if (first != null)
        {
            return new Submission(hash, length, startNs, first, null, null, first.p2p(), first.rpc());
        }
        return send(submission, s.hash.clone(), buffer, offset, length, array, p2p, rpc, holdWhenRingFull);
    }

    /**
     * Everything {@link #submit} does before a path is taken (the walk, the gate, the hash, the
     * submission and its futures), on the same per-thread scratch, and nothing after: no seen-block
     * mark, no slot, no RPC, no counter.
     */
    Submission dryRun(final DirectBuffer buffer, final int offset, final int length, final String p2pRefusal)
    {
        final long startNs = System.nanoTime();
        final Scratch s = scratch.get();
        final int verdict = check(s, buffer, offset, length);
        final String hash = length >= BlockView.HEADER_LENGTH ? Hashes.toDisplayHex(s.hash, 0) : "(not a block)";
        final String reason = verdict == BlockGate.PASSED ? null : verdict < 0 ? "bad-blk-length" : BlockGate.reason(verdict);
        final CompletableFuture<BroadcastReceipt> p2p = new CompletableFuture<>();
        final CompletableFuture<SubmitBlockResult> rpc = new CompletableFuture<>();
        final Submission submission = new Submission(hash, length, startNs, null, p2pRefusal, reason, p2p, rpc);
        p2p.complete(null);
        rpc.complete(null);
        return submission;
    }

    private Submission send(
        final Submission submission, final byte[] hash, final DirectBuffer buffer, final int offset, final int length,
        final byte[] array, final CompletableFuture<BroadcastReceipt> p2p, final CompletableFuture<SubmitBlockResult> rpc,
        final boolean holdWhenRingFull)
    {
        // P2P first: the block is in its ring slot and going out before the RPC copy is made.
        final Scratch s = scratch.get();
        final long sequence = broadcaster.submitValidated(buffer, offset, length, p2p, s.view,
            validate ? s.gate.checksum() : HashHelper.NO_CHECKSUM, hash);
        if (sequence == Broadcaster.RING_FULL && holdWhenRingFull)
        {
            seen.forget(hash, submission);
            return null;
        }
        rpc(buffer, offset, length, array).whenComplete((result, ex) -> rpc.complete(result));
        final Submission refused = sequence >= 0 ? submission : new Submission(submission.hash(), length,
            System.nanoTime(), null, Broadcaster.describe(sequence), null, NO_RECEIPT, rpc);
        if (sequence < 0)
        {
            p2p.complete(null);
        }
        refused.done().thenRun(() ->
        {
            if (!refused.anyPathTookIt())
            {
                seen.forget(hash, submission);
            }
        });
        return refused;
    }

    private CompletableFuture<SubmitBlockResult> rpc(
        final DirectBuffer buffer, final int offset, final int length, final byte[] array)
    {
        if (fallback == null)
        {
            return NO_RPC;
        }
        return array != null ? fallback.submit(array, offset, length) : fallback.submitCopy(buffer, offset, length);
    }

    /**
     * @return {@link BlockGate#PASSED}, a gate verdict, or -1 when the bytes are not a block.
     */
    private int check(final Scratch s, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            s.view.wrap(buffer, offset, length);
        }
        catch (final ProtocolException | IndexOutOfBoundsException ex)
        {
            hashHeader(s, buffer, offset, length);
            return -1;
        }
        if (validate)
        {
            return s.gate.check(s.view, s.hash);
        }
        hashHeader(s, buffer, offset, length);
        return BlockGate.PASSED;
    }

    private static void hashHeader(final Scratch s, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length >= BlockView.HEADER_LENGTH)
        {
            s.x11.hash(buffer, offset, BlockView.HEADER_LENGTH, s.hash, 0);
        }
    }

    @Override
    public void close()
    {
        if (fallback != null)
        {
            fallback.close();
        }
    }

    private static final class Scratch
    {
        final BlockView view = new BlockView();
        final X11 x11 = new X11();
        final byte[] hash = new byte[32];
        final BlockGate gate;

        Scratch(final BlockGate gate)
        {
            this.gate = gate;
        }
    }
}
