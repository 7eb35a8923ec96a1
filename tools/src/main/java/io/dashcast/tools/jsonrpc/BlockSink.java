package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.Submission;

import java.util.Arrays;

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
     * As {@link #submit(byte[])}, for a block that is the first {@code length} bytes of a longer
     * array (the gateway's decode buffer, sized from the request body): a sink that can take the
     * range saves trimming it, one copy of the whole block.
     *
     * @param block  array whose first {@code length} bytes are the serialized block; owned by the sink from now on.
     * @param length bytes of the block.
     * @return its submission.
     */
    default Submission submit(final byte[] block, final int length)
    {
        return submit(length == block.length ? block : Arrays.copyOf(block, length));
    }

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

    /**
     * As {@link #dryRun(byte[])}, for the first {@code length} bytes of {@code block}, as
     * {@link #submit(byte[], int)} takes them.
     *
     * @param block  array whose first {@code length} bytes are the serialized block.
     * @param length bytes of the block.
     * @return a completed submission that went nowhere, or null to answer {@code null} at once.
     */
    default Submission dryRun(final byte[] block, final int length)
    {
        return dryRun(length == block.length ? block : Arrays.copyOf(block, length));
    }
}
