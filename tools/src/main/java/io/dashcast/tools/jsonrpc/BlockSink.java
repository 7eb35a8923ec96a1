package io.dashcast.tools.jsonrpc;

/**
 * Where the JSON-RPC endpoint hands each block a pool submits: the daemon's broadcaster.
 * Called on an HTTP worker thread with a block that has already been hex-decoded and walked by
 * {@link io.dashcast.protocol.BlockView} (and, unless disabled, whose merkle root matched). It may
 * block, within a bound of its own (e.g. waiting for the fallback dashd's answer), and must not
 * throw: an exception is answered as RPC error -1 and reported, never shown as a stack trace.
 */
@FunctionalInterface
public interface BlockSink
{
    /**
     * @param block the serialized block; owned by the sink from now on.
     * @return what to answer the pool, in dashd's terms.
     */
    SubmitOutcome submit(byte[] block);

    /**
     * dashcast's own {@code dashcast_submitblock}: submit and answer with the whole submission
     * report (every path, every peer) instead of dashd's one-word result.
     *
     * @param block the serialized block; owned by the sink from now on.
     * @return a JSON-ready tree (maps, lists, strings, numbers), or null when not supported.
     */
    default Object submitWithReport(final byte[] block)
    {
        return null;
    }
}
