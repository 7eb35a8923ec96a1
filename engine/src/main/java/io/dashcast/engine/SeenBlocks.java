package io.dashcast.engine;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Blocks submitted while the broadcaster runs, by hash, so that the same block arriving again on
 * any path (API, shared memory, JSON-RPC, a batch of copies) is not broadcast again: the second
 * caller gets the first {@link Submission}. Bounded: the oldest of {@code capacity} hashes is
 * forgotten first (a block older than that many blocks is history). A first submission that
 * reached no path at all is forgotten when it completes, so a retry goes out. Thread safe; the
 * lock is held for a map look-up only.
 */
final class SeenBlocks
{
    private final Map<ByteBuffer, Submission> byHash = new HashMap<>();
    private final ByteBuffer[] order;
    private int next;

    /**
     * @param capacity hashes remembered.
     */
    SeenBlocks(final int capacity)
    {
        order = new ByteBuffer[capacity];
    }

    /**
     * Record a submission unless its block was seen before.
     *
     * @param hash       the block's X11 hash (copied).
     * @param submission the new submission.
     * @return null when recorded (first time), else the first submission of that block.
     */
    synchronized Submission putIfAbsent(final byte[] hash, final Submission submission)
    {
        final ByteBuffer key = ByteBuffer.wrap(hash.clone());
        final Submission first = byHash.get(key);
        if (first != null)
        {
            return first;
        }
        final ByteBuffer evicted = order[next];
        if (evicted != null)
        {
            byHash.remove(evicted);
        }
        order[next] = key;
        next = (next + 1) % order.length;
        byHash.put(key, submission);
        return null;
    }

    /**
     * Forget a submission (it reached nothing, so a retry must go out).
     *
     * @param hash       the block's hash.
     * @param submission the submission recorded for it; nothing happens when another one is.
     */
    synchronized void forget(final byte[] hash, final Submission submission)
    {
        byHash.remove(ByteBuffer.wrap(hash), submission);
    }

    /**
     * @return hashes remembered now.
     */
    synchronized int size()
    {
        return byHash.size();
    }
}
