package io.dashcast.engine.peers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the {@code max_peers} to keep connected, in this order:
 * <ol>
 *   <li>every pinned peer (configured or added by the operator), whatever its state;</li>
 *   <li>the best by {@link PeerScore} (a connected peer's score counts {@link #STICKINESS} times, so
 *       a newcomer must be clearly better to take its place);</li>
 *   <li>one peer of every {@link RttCluster} seen, in place of the weakest pick (regions);</li>
 *   <li>a share of slots explores: the candidates with the highest upper confidence bound
 *       {@code score + C x sqrt(ln(total plays + 1) / (plays + 1))}, where a play is a connection
 *       attempt or a block ack measured, so an untried peer gets its
 *       chance and a proven one keeps its place (a bandit, UCB1).</li>
 * </ol>
 * Throughout, at most {@code maxPerNetGroup} picks share a {@link NetGroup} (pinned peers count; the
 * operator's own loopback and private machines are exempt), and
 * a peer that is down longer than the grace given, failed its last attempt within the retry time,
 * or is terrible is not picked.
 */
public final class PeerSelector
{
    /** Weight of a connected peer's score against a newcomer's. */
    public static final double STICKINESS = 1.25;
    /** Exploration constant of the upper confidence bound. */
    public static final double EXPLORATION = 0.3;

    private final int maxPeers;
    private final int maxPerNetGroup;
    private final double exploreShare;
    private final long retryAfterMs;
    private Function<PeerCandidate, String> groupOf;

    /**
     * @param maxPeers       connections to keep.
     * @param maxPerNetGroup picks that may share a net group.
     * @param exploreShare   share of non-pinned slots given to exploring, 0..1.
     * @param retryAfterMs   how long a peer whose last attempt failed is left alone.
     */
    public PeerSelector(final int maxPeers, final int maxPerNetGroup, final double exploreShare, final long retryAfterMs)
    {
        if (maxPeers < 1 || maxPerNetGroup < 1 || exploreShare < 0 || exploreShare > 1 || retryAfterMs < 0)
        {
            throw new IllegalArgumentException("maxPeers >= 1, maxPerNetGroup >= 1, exploreShare in 0..1, retryAfterMs >= 0");
        }
        this.maxPeers = maxPeers;
        this.maxPerNetGroup = maxPerNetGroup;
        this.exploreShare = exploreShare;
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * @param candidates every candidate (from the store).
     * @param connected  keys of peers connected and ready now.
     * @param down       keys of peers in the set that have been down longer than the grace.
     * @param nowMs      now.
     * @param random     randomness for tie-breaks and exploration order.
     * @return the peers to keep, each with why, pinned first.
     */
    public Map<PeerCandidate, String> select(
        final Collection<PeerCandidate> candidates, final Set<String> connected, final Set<String> down,
        final long nowMs, final Random random)
    {
        final Map<PeerCandidate, String> chosen = new LinkedHashMap<>();
        final Map<String, Integer> groups = new HashMap<>();
        final List<PeerCandidate> eligible = new ArrayList<>();
        for (final PeerCandidate c : candidates)
        {
            if (c.pinned())
            {
                chosen.put(c, "pinned");
                groups.merge(groupOf(c), 1, Integer::sum);
            }
            else if (eligible(c, down, nowMs))
            {
                eligible.add(c);
            }
        }
        final int open = Math.max(0, maxPeers - chosen.size());
        final int explore = open == 0 ? 0 : (int)Math.min(open, Math.ceil(open * exploreShare));
        pickByScore(eligible, connected, nowMs, open - explore, chosen, groups);
        coverClusters(eligible, nowMs, chosen, groups);
        pickByUcb(eligible, nowMs, random, maxPeers - chosen.size(), chosen, groups);
        pickByScore(eligible, connected, nowMs, maxPeers - chosen.size(), chosen, groups);
        return chosen;
    }

    private boolean eligible(final PeerCandidate c, final Set<String> down, final long nowMs)
    {
        final boolean failedRecently = c.lastAttemptMs() > c.lastSuccessMs() && nowMs - c.lastAttemptMs() < retryAfterMs;
        return !down.contains(c.key()) && !failedRecently && !c.terrible(nowMs);
    }

    private void pickByScore(
        final List<PeerCandidate> eligible, final Set<String> connected, final long nowMs, final int slots,
        final Map<PeerCandidate, String> chosen, final Map<String, Integer> groups)
    {
        final List<PeerCandidate> ranked = new ArrayList<>(eligible);
        ranked.sort(Comparator.comparingDouble((PeerCandidate c) -> -weighted(c, connected, nowMs)));
        int taken = 0;
        for (final PeerCandidate c : ranked)
        {
            if (taken >= slots)
            {
                break;
            }
            if (c.tried() && take(c, "score", chosen, groups))
            {
                taken++;
            }
        }
    }

    private void coverClusters(
        final List<PeerCandidate> eligible, final long nowMs, final Map<PeerCandidate, String> chosen,
        final Map<String, Integer> groups)
    {
        final Set<RttCluster> seen = EnumSet.noneOf(RttCluster.class);
        final Set<RttCluster> held = EnumSet.noneOf(RttCluster.class);
        eligible.forEach(c -> seen.add(c.rttCluster()));
        chosen.keySet().forEach(c -> held.add(c.rttCluster()));
        seen.remove(RttCluster.UNKNOWN);
        for (final RttCluster cluster : seen)
        {
            if (held.contains(cluster))
            {
                continue;
            }
            PeerCandidate best = null;
            for (final PeerCandidate c : eligible)
            {
                if (c.rttCluster() == cluster && !chosen.containsKey(c) &&
                    (best == null || PeerScore.of(c, nowMs) > PeerScore.of(best, nowMs)))
                {
                    best = c;
                }
            }
            if (best != null)
            {
                if (chosen.size() >= maxPeers)
                {
                    dropWeakest(nowMs, chosen, groups);
                }
                if (chosen.size() < maxPeers && take(best, "cluster " + cluster, chosen, groups))
                {
                    held.add(cluster);
                }
            }
        }
    }

    private void pickByUcb(
        final List<PeerCandidate> eligible, final long nowMs, final Random random, final int slots,
        final Map<PeerCandidate, String> chosen, final Map<String, Integer> groups)
    {
        long total = 0;
        for (final PeerCandidate c : eligible)
        {
            total += pulls(c);
        }
        final double lnTotal = Math.log(total + 1.0);
        final Map<PeerCandidate, Double> bound = new HashMap<>();
        for (final PeerCandidate c : eligible)
        {
            bound.put(c, PeerScore.of(c, nowMs) + EXPLORATION * Math.sqrt(lnTotal / (pulls(c) + 1.0)) +
                1e-9 * random.nextDouble());
        }
        final List<PeerCandidate> ranked = new ArrayList<>(eligible);
        ranked.sort(Comparator.comparingDouble((PeerCandidate c) -> -bound.get(c)));
        int taken = 0;
        for (final PeerCandidate c : ranked)
        {
            if (taken >= slots)
            {
                break;
            }
            if (take(c, "explore", chosen, groups))
            {
                taken++;
            }
        }
    }

    private void dropWeakest(final long nowMs, final Map<PeerCandidate, String> chosen, final Map<String, Integer> groups)
    {
        PeerCandidate weakest = null;
        for (final Map.Entry<PeerCandidate, String> e : chosen.entrySet())
        {
            if ("score".equals(e.getValue()) &&
                (weakest == null || PeerScore.of(e.getKey(), nowMs) < PeerScore.of(weakest, nowMs)))
            {
                weakest = e.getKey();
            }
        }
        if (weakest != null)
        {
            chosen.remove(weakest);
            groups.merge(groupOf(weakest), -1, Integer::sum);
        }
    }

    private boolean take(
        final PeerCandidate c, final String why, final Map<PeerCandidate, String> chosen, final Map<String, Integer> groups)
    {
        if (chosen.containsKey(c) || chosen.size() >= maxPeers ||
            (NetGroup.capped(groupOf(c)) && groups.getOrDefault(groupOf(c), 0) >= maxPerNetGroup))
        {
            return false;
        }
        chosen.put(c, why);
        groups.merge(groupOf(c), 1, Integer::sum);
        return true;
    }

    /**
     * @return connections to keep.
     */
    public int maxPeers()
    {
        return maxPeers;
    }

    /**
     * For simulations on one machine, where every node is 127.0.0.1 (loopback is the operator's own
     * and exempt from the caps): the diversity group of each candidate from the simulation, e.g. by
     * its port, capped as an internet group.
     *
     * @param groupOf a candidate's group, or null for its net group (the default).
     * @return this.
     */
    public PeerSelector groups(final Function<PeerCandidate, String> groupOf)
    {
        this.groupOf = groupOf;
        return this;
    }

    /**
     * @param c a candidate.
     * @return its diversity group under this selector's rules.
     */
    public String groupOf(final PeerCandidate c)
    {
        return groupOf != null ? groupOf.apply(c) : c.netGroup();
    }

    /** A bandit's "plays" of a peer: every connection attempt and every block ack measured. */
    private static long pulls(final PeerCandidate c)
    {
        return c.attempts() + c.ackCount();
    }

    private static double weighted(final PeerCandidate c, final Set<String> connected, final long nowMs)
    {
        return PeerScore.of(c, nowMs) * (connected.contains(c.key()) ? STICKINESS : 1.0);
    }
}
