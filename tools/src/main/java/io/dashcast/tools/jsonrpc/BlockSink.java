package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.Submission;

/**
 * Where the gateway hands each block a pool submits: the daemon's broadcaster, every path at
 * once ({@link io.dashcast.engine.Broadcaster#submitAll}). Called on an HTTP thread with a block
 * hex-decoded from the request; must not block (the answer is a future of the submission) and
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
}
