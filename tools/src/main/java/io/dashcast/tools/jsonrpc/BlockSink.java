package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.Submission;

/**
 * Where the gateway hands each block a pool submits: the daemon's broadcaster, every path at
 * once ({@link io.dashcast.engine.Broadcaster#submitAll}). Called on the gateway's one network
 * thread ({@link GatewayLoop}) with a block hex-decoded from the request; must not block (every
 * connection waits while it runs; the answer is a future of the submission) and
 * should not throw: an exception is answered as RPC error -1 and reported, never shown as a
 * stack trace.
 */
public interface BlockSink
{
    /**
     * @param block the serialized block; owned by the sink from now on.
     * @return its submission.
     */
    Submission submit(byte[] block);

    /**
     * dashcast's own {@code dashcast_submitblock}: the whole report of a submission (every path,
     * every peer) as JSON text.
     *
     * @param submission a completed submission.
     * @return JSON text; {@code null} when reports are not available.
     */
    default String reportJson(final Submission submission)
    {
        return "null";
    }

    /**
     * A dry run for warming the gateway's {@code submitblock} path: everything {@link #submit} does
     * to the block before it would reach a peer or dashd (the walk, the validation gate, the
     * submission), and nothing after: no peer, no dashd, no report. Called only for the gateway's
     * own warm-up calls ({@link io.dashcast.engine.Broadcaster#dryRun}).
     *
     * @param block the serialized block.
     * @return a completed submission that went nowhere, or null to answer {@code null} at once.
     */
    default Submission dryRun(final byte[] block)
    {
        return null;
    }
}
