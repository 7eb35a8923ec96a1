package io.dashcast.bench.propagation;

/**
 * Where the block enters the network: the pool's own dashd at t = 0 (its submitblock is local),
 * plus, with dashcast, the first k of an ordered list of target nodes, each reached over the
 * pool's one uplink. The i-th target (0-based) has the block when the pool's uplink has sent its
 * copy ({@link PropagationModel.PoolOrder}) and the copy has crossed the pool-to-target latency;
 * a compact push to a target that misses transactions costs one more round trip to the pool.
 */
final class PoolPush
{
    private final int dashd;
    private final int[] targets;
    private final long[] targetLatencyNs;

    /**
     * @param dashd           the pool's own node.
     * @param targets         dashcast's targets in push order (priority order).
     * @param targetLatencyNs one-way latency from the pool to each target.
     */
    PoolPush(final int dashd, final int[] targets, final long[] targetLatencyNs)
    {
        this.dashd = dashd;
        this.targets = targets;
        this.targetLatencyNs = targetLatencyNs;
    }

    int maxTargets()
    {
        return targets.length;
    }

    /** @return the nodes that get the block from the pool when dashcast pushes to k targets. */
    int[] sourceNodes(final int k)
    {
        final int[] nodes = new int[k + 1];
        nodes[0] = dashd;
        System.arraycopy(targets, 0, nodes, 1, k);
        return nodes;
    }

    /**
     * @param k        targets pushed to (0: the dashd alone).
     * @param model    concluded parameters (pool uplink, push, order).
     * @param topology for the targets' mempools.
     * @return when each of {@link #sourceNodes(int)} has the whole block.
     */
    long[] sourceNs(final int k, final PropagationModel model, final Topology topology)
    {
        final long[] at = new long[k + 1];
        final double poolBps = model.poolUplinkMbit * 1e6;
        final boolean compact = model.push == PropagationModel.Push.COMPACT;
        final long copyNs = (long)((compact ? model.compactBytes() : model.blockBytes) * 8e9 / poolBps);
        final long missNs = (long)(model.missBytes * 8e9 / poolBps);
        for (int i = 0; i < k; i++)
        {
            final long sentNs = model.poolOrder == PropagationModel.PoolOrder.SEQUENTIAL ? (i + 1) * copyNs : k * copyNs;
            long arrivalNs = sentNs + targetLatencyNs[i];
            if (compact && topology.missing[targets[i]])
            {
                arrivalNs += 2 * targetLatencyNs[i] + missNs;
            }
            at[i + 1] = arrivalNs;
        }
        return at;
    }
}
