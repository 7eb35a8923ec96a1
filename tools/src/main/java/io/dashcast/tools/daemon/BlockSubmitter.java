package io.dashcast.tools.daemon;

import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.BroadcastRejectedException;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.dashd.RpcFallback;
import io.dashcast.engine.dashd.SubmitBlockResult;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Hashes;
import io.dashcast.protocol.X11;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends one block down every path at once: the P2P fan-out first (the fast path, which copies the
 * block into its ring slot before returning), then the local dashd's RPC {@code submitblock} on the
 * fallback thread, in parallel, never after. The combined {@link SubmissionReport} is logged and
 * returned. Thread safe.
 */
public final class BlockSubmitter
{
    private final Broadcaster broadcaster;
    private final RpcFallback fallback;
    private final String localPeerName;
    private final SubmissionLog log;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /**
     * @param broadcaster   the P2P fan-out, or null for local dashd RPC only.
     * @param fallback      the local dashd RPC path, or null when disabled.
     * @param localPeerName the configured peer that is the local dashd's P2P port, or null.
     * @param log           where each block's summary is written.
     */
    public BlockSubmitter(
        final Broadcaster broadcaster, final RpcFallback fallback, final String localPeerName, final SubmissionLog log)
    {
        this.broadcaster = broadcaster;
        this.fallback = fallback;
        this.localPeerName = localPeerName;
        this.log = log;
    }

    /**
     * @param block  serialized block (ownership passes to the submitter).
     * @param source how it came in, for the log.
     * @return the report, once every path has answered.
     */
    public CompletableFuture<SubmissionReport> submit(final byte[] block, final String source)
    {
        final Scratch s = scratch.get();
        s.buffer.wrap(block);
        return submit(s.buffer, 0, block.length, source, block);
    }

    /**
     * Submit from any buffer, e.g. a shared-memory record: copied once into the ring slot and, for the
     * fallback, once more into an array (the hex conversion happens on the fallback thread).
     *
     * @param buffer holding the block.
     * @param offset first byte.
     * @param length bytes.
     * @param source how it came in, for the log.
     * @return the report, once every path has answered.
     */
    public CompletableFuture<SubmissionReport> submit(
        final DirectBuffer buffer, final int offset, final int length, final String source)
    {
        return submit(buffer, offset, length, source, null);
    }

    private CompletableFuture<SubmissionReport> submit(
        final DirectBuffer buffer, final int offset, final int length, final String source, final byte[] array)
    {
        final long startNs = System.nanoTime();
        final boolean noPeers = broadcaster != null && broadcaster.readyPeerCount() == 0;
        // P2P first: the block is in its ring slot and going out before anything else here runs.
        final CompletableFuture<BroadcastReceipt> p2p = broadcaster == null ?
            CompletableFuture.completedFuture(null) : broadcaster.submitAsync(buffer, offset, length);
        final CompletableFuture<SubmitBlockResult> rpc;
        if (fallback == null)
        {
            rpc = CompletableFuture.completedFuture(null);
        }
        else if (array != null)
        {
            rpc = fallback.submit(array);
        }
        else
        {
            rpc = fallback.submitCopy(buffer, offset, length);
        }
        final String hash = hashOf(buffer, offset, length);
        if (noPeers)
        {
            log.noReadyPeers(hash, fallback != null);
        }
        final CompletableFuture<Object> p2pOutcome = p2p.handle((receipt, ex) -> ex == null ? receipt : refusal(ex));
        return p2pOutcome.thenCombine(rpc, (outcome, rpcResult) ->
        {
            final SubmissionReport report = new SubmissionReport(hash, length, source,
                outcome instanceof BroadcastReceipt ? (BroadcastReceipt)outcome : null,
                outcome instanceof String ? (String)outcome : null, localPeerName, rpcResult,
                System.nanoTime() - startNs);
            log.log(report);
            return report;
        });
    }

    /**
     * @return READY peers now, 0 without P2P.
     */
    public int readyPeers()
    {
        return broadcaster == null ? 0 : broadcaster.readyPeerCount();
    }

    private String hashOf(final DirectBuffer buffer, final int offset, final int length)
    {
        final Scratch s = scratch.get();
        if (length < BlockView.HEADER_LENGTH)
        {
            return "(not a block)";
        }
        s.x11.hash(buffer, offset, BlockView.HEADER_LENGTH, s.hash, 0);
        return Hashes.toDisplayHex(s.hash, 0);
    }

    private static String refusal(final Throwable ex)
    {
        final Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
        return cause instanceof BroadcastRejectedException ? cause.getMessage() : String.valueOf(cause);
    }

    /**
     * @param refusal the P2P refusal text of a report.
     * @return true when the block itself was refused (malformed or too large), not the moment.
     */
    static boolean refusedAsInvalid(final String refusal)
    {
        return Broadcaster.describe(Broadcaster.INVALID_BLOCK).equals(refusal) ||
            Broadcaster.describe(Broadcaster.TOO_LARGE).equals(refusal);
    }

    private static final class Scratch
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        final X11 x11 = new X11();
        final byte[] hash = new byte[32];
    }
}
