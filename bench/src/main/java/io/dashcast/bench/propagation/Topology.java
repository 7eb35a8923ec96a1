package io.dashcast.bench.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A network of nodes: undirected connections stored as two directed links each (compressed rows:
 * node {@code i}'s links are {@code linkStart[i] .. linkStart[i+1]-1}), a one-way latency per
 * connection, a flag per directed link saying the sender pushes compact blocks to the receiver
 * unasked (BIP152 high-bandwidth mode), and per node an uplink, a validation time and whether its
 * mempool misses some of a block's transactions.
 */
final class Topology
{
    final int nodeCount;
    final int[] linkStart;
    final int[] linkFrom;
    final int[] linkTo;
    final long[] linkLatencyNs;
    final boolean[] highBandwidth;
    final double[] uplinkBitsPerSecond;
    final long[] validationNs;
    final boolean[] missing;

    private Topology(final Builder b)
    {
        nodeCount = b.nodeCount;
        linkStart = new int[nodeCount + 1];
        final int links = b.from.size();
        linkFrom = new int[links];
        linkTo = new int[links];
        linkLatencyNs = new long[links];
        highBandwidth = new boolean[links];
        final int[] degree = new int[nodeCount];
        for (int e = 0; e < links; e++)
        {
            degree[b.from.get(e)]++;
        }
        for (int i = 0; i < nodeCount; i++)
        {
            linkStart[i + 1] = linkStart[i] + degree[i];
        }
        final int[] fill = Arrays.copyOf(linkStart, nodeCount);
        for (int e = 0; e < links; e++)
        {
            final int slot = fill[b.from.get(e)]++;
            linkFrom[slot] = b.from.get(e);
            linkTo[slot] = b.to.get(e);
            linkLatencyNs[slot] = b.latencyNs.get(e);
            highBandwidth[slot] = b.highBandwidthPairs.contains(pair(b.from.get(e), b.to.get(e)));
        }
        uplinkBitsPerSecond = b.uplinkBitsPerSecond;
        validationNs = b.validationNs;
        missing = b.missing;
    }

    int degree(final int node)
    {
        return linkStart[node + 1] - linkStart[node];
    }

    /**
     * @param bytes what to send.
     * @param node  from which node.
     * @return how long the node's uplink is busy sending it.
     */
    long transmitNs(final int bytes, final int node)
    {
        final double bps = uplinkBitsPerSecond[node];
        return Double.isInfinite(bps) ? 0 : (long)(bytes * 8e9 / bps);
    }

    /**
     * A random Dash-like network: every node opens {@code outbound} connections to distinct random
     * nodes that still accept inbound ones (Dash Core: 8 full-relay plus 2 block-relay-only
     * outbound, 125 connections at most); each node picks as its high-bandwidth compact-block
     * announcers the {@code highBandwidthPeers} neighbours with the lowest latency (a proxy for
     * BIP152's "the peers that last delivered a new block first").
     *
     * @param model concluded parameters.
     * @param rng   the seeded source of every random choice.
     * @return the network.
     */
    static Topology generate(final PropagationModel model, final SplittableRandom rng)
    {
        final int n = model.nodes;
        final Builder b = new Builder(n);
        final int maxInbound = model.maxConnections - model.outbound;
        final int[] inbound = new int[n];
        for (int i = 0; i < n; i++)
        {
            int opened = 0;
            int attempts = 0;
            while (opened < model.outbound && attempts++ < 100 * model.outbound)
            {
                final int j = rng.nextInt(n);
                if (j == i || inbound[j] >= maxInbound || b.linked(i, j))
                {
                    continue;
                }
                b.link(i, j, millisToNs(lognormal(rng, model.latencyMedianMs, model.latencySigma,
                    model.latencyMinMs, model.latencyMaxMs)));
                inbound[j]++;
                opened++;
            }
        }
        chooseHighBandwidth(b, model.highBandwidthPeers);
        for (int i = 0; i < n; i++)
        {
            b.uplink(i, 1e6 * lognormal(rng, model.uplinkMedianMbit, model.uplinkSigma, model.uplinkMinMbit, 1e5));
            b.validationNs(i, millisToNs(lognormal(rng, model.validationMedianMs, model.validationSigma, 0, 1e6)));
            if (rng.nextDouble() < model.missProbability)
            {
                b.missing(i);
            }
        }
        return b.build();
    }

    private static void chooseHighBandwidth(final Builder b, final int perNode)
    {
        final List<List<Integer>> neighbours = new ArrayList<>();
        for (int i = 0; i < b.nodeCount; i++)
        {
            neighbours.add(new ArrayList<>());
        }
        for (int e = 0; e < b.from.size(); e++)
        {
            neighbours.get(b.to.get(e)).add(e);
        }
        for (int i = 0; i < b.nodeCount; i++)
        {
            final List<Integer> in = neighbours.get(i);
            in.sort(Comparator.<Integer>comparingLong(b.latencyNs::get).thenComparingInt(x -> x));
            for (int k = 0; k < Math.min(perNode, in.size()); k++)
            {
                b.highBandwidth(b.from.get(in.get(k)), i);
            }
        }
    }

    static double lognormal(final SplittableRandom rng, final double median, final double sigma,
        final double min, final double max)
    {
        final double v = median * Math.exp(sigma * rng.nextGaussian());
        return Math.max(min, Math.min(max, v));
    }

    static long millisToNs(final double ms)
    {
        return Math.round(ms * 1e6);
    }

    private static long pair(final int from, final int to)
    {
        return ((long)from << 32) | (to & 0xffffffffL);
    }

    /** Builds a network by hand (tests) or for {@link #generate}. */
    static final class Builder
    {
        private final int nodeCount;
        private final List<Integer> from = new ArrayList<>();
        private final List<Integer> to = new ArrayList<>();
        private final List<Long> latencyNs = new ArrayList<>();
        private final Set<Long> connected = new HashSet<>();
        private final Set<Long> highBandwidthPairs = new HashSet<>();
        private final double[] uplinkBitsPerSecond;
        private final long[] validationNs;
        private final boolean[] missing;

        /**
         * @param nodeCount nodes 0 .. nodeCount-1, with an unlimited uplink, no validation time and
         *                  every transaction in their mempool until set otherwise.
         */
        Builder(final int nodeCount)
        {
            this.nodeCount = nodeCount;
            uplinkBitsPerSecond = new double[nodeCount];
            Arrays.fill(uplinkBitsPerSecond, Double.POSITIVE_INFINITY);
            validationNs = new long[nodeCount];
            missing = new boolean[nodeCount];
        }

        boolean linked(final int a, final int b)
        {
            return connected.contains(pair(a, b));
        }

        /** Connects a and b both ways with the given one-way latency. */
        Builder link(final int a, final int b, final long oneWayNs)
        {
            if (a == b || linked(a, b))
            {
                throw new IllegalArgumentException("nodes " + a + " and " + b + " are already linked or the same");
            }
            connected.add(pair(a, b));
            connected.add(pair(b, a));
            add(a, b, oneWayNs);
            add(b, a, oneWayNs);
            return this;
        }

        /** The sender pushes compact blocks to the receiver unasked. */
        Builder highBandwidth(final int sender, final int receiver)
        {
            highBandwidthPairs.add(pair(sender, receiver));
            return this;
        }

        Builder uplink(final int node, final double bitsPerSecond)
        {
            uplinkBitsPerSecond[node] = bitsPerSecond;
            return this;
        }

        Builder validationNs(final int node, final long ns)
        {
            validationNs[node] = ns;
            return this;
        }

        Builder missing(final int node)
        {
            missing[node] = true;
            return this;
        }

        Topology build()
        {
            return new Topology(this);
        }

        private void add(final int a, final int b, final long ns)
        {
            from.add(a);
            to.add(b);
            latencyNs.add(ns);
        }
    }
}
