package io.dashcast.bench.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the model over several seeds: per seed a new network, a random pool dashd and a random
 * order of dashcast targets (well-connected nodes, or any); then the dashd alone and every k
 * (targets nested: k = 4 pushes to k = 2's targets and two more). Keeps per seed and k the time
 * to 50, 90 and 99 % of nodes having validated the block.
 */
final class PropagationSweep
{
    /** Coverage fractions reported. */
    static final double[] FRACTIONS = {0.50, 0.90, 0.99};

    private final PropagationModel model;
    private final int[] ks;
    private final int seeds;
    private final long seedBase;
    /** [k index (0 = dashd alone)][seed][fraction] in ns. */
    private final long[][][] coverageNs;
    private long events;

    /**
     * @param model    concluded parameters.
     * @param ks       target counts, ascending.
     * @param seeds    how many networks.
     * @param seedBase the first seed.
     */
    PropagationSweep(final PropagationModel model, final int[] ks, final int seeds, final long seedBase)
    {
        this.model = model;
        this.ks = ks.clone();
        this.seeds = seeds;
        this.seedBase = seedBase;
        coverageNs = new long[ks.length + 1][seeds][FRACTIONS.length];
    }

    /** @return this, after running every seed and k. */
    PropagationSweep run()
    {
        final PropagationSimulator simulator = new PropagationSimulator();
        final int maxK = ks.length == 0 ? 0 : ks[ks.length - 1];
        for (int s = 0; s < seeds; s++)
        {
            final SplittableRandom rng = new SplittableRandom(seedBase + s);
            final Topology topology = Topology.generate(model, rng);
            final PoolPush push = pool(topology, rng, maxK);
            for (int ki = 0; ki <= ks.length; ki++)
            {
                final int k = ki == 0 ? 0 : ks[ki - 1];
                final long[] validated = simulator.run(topology, model, push.sourceNodes(k),
                    push.sourceNs(k, model, topology));
                for (int f = 0; f < FRACTIONS.length; f++)
                {
                    coverageNs[ki][s][f] = timeToFraction(validated, FRACTIONS[f]);
                }
            }
        }
        events = simulator.events();
        return this;
    }

    private PoolPush pool(final Topology topology, final SplittableRandom rng, final int maxK)
    {
        final int dashd = rng.nextInt(topology.nodeCount);
        final int[] degrees = new int[topology.nodeCount];
        for (int i = 0; i < degrees.length; i++)
        {
            degrees[i] = topology.degree(i);
        }
        final int[] sorted = degrees.clone();
        Arrays.sort(sorted);
        final int threshold = model.wellConnectedTargets ? sorted[(sorted.length * 3) / 4] : 0;
        final List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < degrees.length; i++)
        {
            if (i != dashd && degrees[i] >= threshold)
            {
                candidates.add(i);
            }
        }
        if (candidates.size() < maxK)
        {
            throw new IllegalArgumentException("only " + candidates.size() + " candidate targets for k = " + maxK
                + ": use more nodes or random targets");
        }
        final int[] targets = new int[maxK];
        final long[] latencyNs = new long[maxK];
        for (int i = 0; i < maxK; i++)
        {
            // partial Fisher-Yates: the first maxK of a random order
            final int j = i + rng.nextInt(candidates.size() - i);
            final int pick = candidates.get(j);
            candidates.set(j, candidates.get(i));
            candidates.set(i, pick);
            targets[i] = pick;
            latencyNs[i] = Topology.millisToNs(Topology.lognormal(rng, model.poolLatencyMedianMs, model.latencySigma,
                model.latencyMinMs, model.latencyMaxMs));
        }
        return new PoolPush(dashd, targets, latencyNs);
    }

    /**
     * @param validatedNs per node, when it validated, or {@link PropagationSimulator#NEVER}.
     * @param fraction    of all nodes.
     * @return when that fraction of nodes had validated, or NEVER.
     */
    static long timeToFraction(final long[] validatedNs, final double fraction)
    {
        final long[] sorted = validatedNs.clone();
        Arrays.sort(sorted);
        final int index = Math.max(0, (int)Math.ceil(fraction * sorted.length) - 1);
        return sorted[index];
    }

    int[] ks()
    {
        return ks.clone();
    }

    int seeds()
    {
        return seeds;
    }

    long events()
    {
        return events;
    }

    /**
     * @param kIndex   0 for the dashd alone, i + 1 for ks[i].
     * @param fraction index into {@link #FRACTIONS}.
     * @return the median over seeds, in ms.
     */
    double medianMs(final int kIndex, final int fraction)
    {
        final double[] v = new double[seeds];
        for (int s = 0; s < seeds; s++)
        {
            v[s] = coverageNs[kIndex][s][fraction] / 1e6;
        }
        return median(v);
    }

    /**
     * @return the median over seeds of 1 - t(kIndex) / t(referenceIndex): the fraction of the
     *         reference's time saved (positive is faster).
     */
    double medianImprovement(final int kIndex, final int referenceIndex, final int fraction)
    {
        final double[] v = new double[seeds];
        for (int s = 0; s < seeds; s++)
        {
            v[s] = 1.0 - (double)coverageNs[kIndex][s][fraction] / coverageNs[referenceIndex][s][fraction];
        }
        return median(v);
    }

    private static double median(final double[] values)
    {
        final double[] v = values.clone();
        Arrays.sort(v);
        final int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
