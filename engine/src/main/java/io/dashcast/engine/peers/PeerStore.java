package io.dashcast.engine.peers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every peer we know of, bounded like Dash Core's addrman: a "new" table of addresses we heard of
 * and a "tried" table of those that completed a handshake. When the new table is full a newcomer
 * evicts a terrible address first ({@link PeerCandidate#terrible}), else the longest unseen one of
 * the fullest net group; a full tried table demotes its lowest score to new. Pinned (configured)
 * peers are never evicted. Not thread safe: owned by the peer manager.
 */
public final class PeerStore
{
    private final int newCapacity;
    private final int triedCapacity;
    private final Map<String, PeerCandidate> byKey = new LinkedHashMap<>();

    /**
     * @param newCapacity   bound of the new table.
     * @param triedCapacity bound of the tried table.
     */
    public PeerStore(final int newCapacity, final int triedCapacity)
    {
        if (newCapacity < 1 || triedCapacity < 1)
        {
            throw new IllegalArgumentException("peer store capacities must be >= 1");
        }
        this.newCapacity = newCapacity;
        this.triedCapacity = triedCapacity;
    }

    /**
     * Learn of a peer (or refresh one we know).
     *
     * @param host   address or name.
     * @param port   port.
     * @param source where from.
     * @param nowMs  now.
     * @return the candidate, or null when the store kept its better entries instead.
     */
    public PeerCandidate add(final String host, final int port, final PeerSource source, final long nowMs)
    {
        final String key = PeerCandidate.key(host, port);
        final PeerCandidate known = byKey.get(key);
        if (known != null)
        {
            known.onSeen(nowMs);
            if (source == PeerSource.CONFIG || source == PeerSource.OPERATOR)
            {
                known.pinned(true);
            }
            return known;
        }
        final PeerCandidate candidate = new PeerCandidate(host, port, source, nowMs);
        if (source == PeerSource.OPERATOR)
        {
            candidate.pinned(true);
        }
        if (!candidate.pinned() && countNew() >= newCapacity && !evictFromNew(candidate.netGroup(), nowMs))
        {
            return null;
        }
        byKey.put(key, candidate);
        return candidate;
    }

    /**
     * Put back a candidate read from a store file.
     *
     * @param candidate the candidate.
     */
    public void restore(final PeerCandidate candidate)
    {
        byKey.put(candidate.key(), candidate);
    }

    /**
     * Record a completed handshake; moves the candidate to the tried table, demoting the worst
     * tried one when that table is full.
     *
     * @param candidate the candidate.
     * @param nowMs     now.
     * @param rttUs     round trip, or negative.
     */
    public void onReady(final PeerCandidate candidate, final long nowMs, final double rttUs)
    {
        final boolean wasTried = candidate.tried();
        candidate.onReady(nowMs, rttUs);
        if (!wasTried && countTried() > triedCapacity)
        {
            demoteWorstTried(candidate, nowMs);
        }
    }

    /**
     * @param host address or name.
     * @param port port.
     * @return the candidate or null.
     */
    public PeerCandidate get(final String host, final int port)
    {
        return byKey.get(PeerCandidate.key(host, port));
    }

    /**
     * @param host address or name.
     * @param port port.
     * @return the removed candidate or null.
     */
    public PeerCandidate remove(final String host, final int port)
    {
        return byKey.remove(PeerCandidate.key(host, port));
    }

    /** @return every candidate, in insertion order (read-only). */
    public Collection<PeerCandidate> all()
    {
        return Collections.unmodifiableCollection(byKey.values());
    }

    /** @return number of candidates. */
    public int size()
    {
        return byKey.size();
    }

    /** @return candidates in the new table. */
    public int countNew()
    {
        int n = 0;
        for (final PeerCandidate c : byKey.values())
        {
            n += c.tried() || c.pinned() ? 0 : 1;
        }
        return n;
    }

    /** @return candidates in the tried table. */
    public int countTried()
    {
        int n = 0;
        for (final PeerCandidate c : byKey.values())
        {
            n += c.tried() && !c.pinned() ? 1 : 0;
        }
        return n;
    }

    private boolean evictFromNew(final String group, final long nowMs)
    {
        PeerCandidate victim = null;
        for (final PeerCandidate c : byKey.values())
        {
            if (!c.tried() && !c.pinned() && c.terrible(nowMs))
            {
                victim = c;
                break;
            }
        }
        if (victim == null)
        {
            victim = oldestInFullestGroup(group);
        }
        if (victim == null)
        {
            return false;
        }
        byKey.remove(victim.key());
        return true;
    }

    private PeerCandidate oldestInFullestGroup(final String newcomerGroup)
    {
        final Map<String, List<PeerCandidate>> groups = new LinkedHashMap<>();
        for (final PeerCandidate c : byKey.values())
        {
            if (!c.tried() && !c.pinned())
            {
                groups.computeIfAbsent(c.netGroup(), g -> new ArrayList<>()).add(c);
            }
        }
        List<PeerCandidate> fullest = groups.get(newcomerGroup);
        for (final List<PeerCandidate> g : groups.values())
        {
            if (fullest == null || g.size() > fullest.size())
            {
                fullest = g;
            }
        }
        PeerCandidate oldest = null;
        if (fullest != null)
        {
            for (final PeerCandidate c : fullest)
            {
                if (oldest == null || c.lastSeenMs() < oldest.lastSeenMs())
                {
                    oldest = c;
                }
            }
        }
        return oldest;
    }

    private void demoteWorstTried(final PeerCandidate keep, final long nowMs)
    {
        PeerCandidate worst = null;
        double worstScore = Double.MAX_VALUE;
        for (final PeerCandidate c : byKey.values())
        {
            if (c.tried() && !c.pinned() && c != keep && !c.connected())
            {
                final double s = PeerScore.of(c, nowMs);
                if (s < worstScore)
                {
                    worst = c;
                    worstScore = s;
                }
            }
        }
        if (worst != null)
        {
            byKey.remove(worst.key());
            if (countNew() < newCapacity)
            {
                final PeerCandidate demoted = new PeerCandidate(worst.host(), worst.port(), worst.source(), worst.firstSeenMs());
                demoted.restore(worst.lastSeenMs(), worst.lastAttemptMs(), worst.lastSuccessMs(), worst.attempts(),
                    worst.successes(), worst.rttUs(), worst.ackUs(), worst.ackCount(), worst.relayFirsts(),
                    worst.penalties(), worst.connectedMs(), false);
                byKey.put(demoted.key(), demoted);
            }
        }
    }
}
