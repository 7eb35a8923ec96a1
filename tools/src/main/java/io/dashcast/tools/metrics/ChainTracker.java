package io.dashcast.tools.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.status.BlockTimeline;
import io.dashcast.engine.status.EngineStatus;
import io.dashcast.engine.status.SystemCounterDescriptor;
import io.dashcast.protocol.Hashes;
import org.agrona.ErrorHandler;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows each block we broadcast in the local dashd's chain (the orphan-rate KPI): polls
 * {@code getblockheader} (confirmations >= 1: landed on the best chain; -1: another block at that
 * height won, orphaned) and, once landed, {@code getblock <hash> 1} for Dash's {@code chainlock}
 * field. Each transition is counted once in the system counters. Runs on the sampler's schedule,
 * never on a loop; keeps at most {@link #MAX_TRACKED} blocks.
 */
public final class ChainTracker
{
    /** Blocks followed at once (older ones are dropped first). */
    public static final int MAX_TRACKED = 256;

    /** Where a block stands. */
    public enum Fate
    {
        PENDING, LANDED, ORPHANED, CHAINLOCKED
    }

    private final EngineStatus status;
    private final DashdRpcClient dashd;
    private final ErrorHandler errorHandler;
    private final Map<String, Fate> tracked = new LinkedHashMap<>();
    private long nextIndex;

    /**
     * @param status       counters and the timeline of our blocks.
     * @param dashd        the local dashd.
     * @param errorHandler told of failures.
     */
    public ChainTracker(final EngineStatus status, final DashdRpcClient dashd, final ErrorHandler errorHandler)
    {
        this.status = status;
        this.dashd = dashd;
        this.errorHandler = errorHandler;
    }

    /**
     * @param hashHex display-order hash.
     * @return its fate in lower case, or "untracked".
     */
    public synchronized String fate(final String hashHex)
    {
        final Fate fate = tracked.get(hashHex);
        return fate == null ? "untracked" : fate.name().toLowerCase();
    }

    /**
     * Pick up newly broadcast blocks and ask dashd about every unsettled one.
     */
    public void poll()
    {
        try
        {
            collectNewBlocks();
            for (final String hash : unsettled())
            {
                check(hash);
            }
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private synchronized void collectNewBlocks()
    {
        final BlockTimeline timeline = status.timeline();
        final long count = timeline.count();
        nextIndex = Math.max(nextIndex, count - timeline.capacity());
        for (; nextIndex < count; nextIndex++)
        {
            final BlockTimeline.Block block = timeline.read(nextIndex);
            if (block == null)
            {
                break;
            }
            tracked.putIfAbsent(Hashes.toDisplayHex(block.hash(), 0), Fate.PENDING);
        }
        final Iterator<String> oldest = tracked.keySet().iterator();
        while (tracked.size() > MAX_TRACKED && oldest.hasNext())
        {
            oldest.next();
            oldest.remove();
        }
    }

    private synchronized String[] unsettled()
    {
        return tracked.entrySet().stream()
            .filter(e -> e.getValue() == Fate.PENDING || e.getValue() == Fate.LANDED)
            .map(Map.Entry::getKey).toArray(String[]::new);
    }

    private void check(final String hash)
    {
        final RpcReply header = dashd.call("getblockheader", "[\"" + hash + "\"]");
        if (header.status() != RpcReply.Status.OK || header.result() == null || !header.result().isObject())
        {
            return;
        }
        // dashd answers -1 confirmations for a block off the best chain.
        final long confirmations = header.result().path("confirmations").asLong(0);
        if (confirmations < 0)
        {
            settle(hash, Fate.ORPHANED, SystemCounterDescriptor.CHAIN_ORPHANED);
            return;
        }
        if (confirmations >= 1)
        {
            settle(hash, Fate.LANDED, SystemCounterDescriptor.CHAIN_LANDED);
            final RpcReply block = dashd.call("getblock", "[\"" + hash + "\", 1]");
            if (block.status() == RpcReply.Status.OK && chainLocked(block.result()))
            {
                settle(hash, Fate.CHAINLOCKED, SystemCounterDescriptor.CHAIN_LOCKED);
            }
        }
    }

    /**
     * @param getblock the result of {@code getblock <hash> 1} (verbosity 1).
     * @return true when Dash Core says the block is under a ChainLock (its {@code chainlock} field).
     */
    public static boolean chainLocked(final JsonNode getblock)
    {
        return getblock != null && getblock.isObject() && getblock.path("chainlock").asBoolean(false);
    }

    private synchronized void settle(final String hash, final Fate fate, final SystemCounterDescriptor counter)
    {
        final Fate before = tracked.get(hash);
        // Forward only: pending -> landed -> orphaned (a reorg) or chainlocked, each counted once.
        if (before != null && before != fate && before.ordinal() < fate.ordinal())
        {
            tracked.put(hash, fate);
            status.increment(counter);
        }
    }
}
