package io.dashcast.bench.realnet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A sparse mesh: a ring of N nodes with two chords ({@code 0-N/2}, {@code N/4-3N/4}), so degrees
 * are 2-3 and the diameter is 3 for N = 8 (more for larger N). Each link gets a one-way delay drawn
 * uniformly from [minMs, maxMs] with a fixed seed.
 */
final class Topology
{
    /** A link from {@code a} (dials) to {@code b} (listens behind a relay). */
    record Edge(int a, int b, int delayMs)
    {
    }

    final int nodes;
    final List<Edge> edges = new ArrayList<>();

    Topology(final int nodes, final int minMs, final int maxMs, final long seed)
    {
        this.nodes = nodes;
        final Random random = new Random(seed);
        for (int i = 0; i < nodes; i++)
        {
            edges.add(new Edge(i, (i + 1) % nodes, minMs + random.nextInt(maxMs - minMs + 1)));
        }
        edges.add(new Edge(0, nodes / 2, minMs + random.nextInt(maxMs - minMs + 1)));
        edges.add(new Edge(nodes / 4, 3 * nodes / 4, minMs + random.nextInt(maxMs - minMs + 1)));
    }

    int degree(final int node)
    {
        return (int)edges.stream().filter(e -> e.a() == node || e.b() == node).count();
    }

    /** Longest shortest path in hops. */
    int diameter()
    {
        int diameter = 0;
        for (int s = 0; s < nodes; s++)
        {
            final int[] dist = new int[nodes];
            Arrays.fill(dist, -1);
            dist[s] = 0;
            final ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
            while (!queue.isEmpty())
            {
                final int u = queue.poll();
                for (final Edge e : edges)
                {
                    final int v = e.a() == u ? e.b() : e.b() == u ? e.a() : -1;
                    if (v >= 0 && dist[v] < 0)
                    {
                        dist[v] = dist[u] + 1;
                        queue.add(v);
                    }
                }
            }
            diameter = Math.max(diameter, Arrays.stream(dist).max().orElse(0));
        }
        return diameter;
    }

    @Override
    public String toString()
    {
        final StringBuilder s = new StringBuilder();
        for (final Edge e : edges)
        {
            s.append(e.a()).append('-').append(e.b()).append(' ').append(e.delayMs()).append(" ms; ");
        }
        return s.toString();
    }
}
