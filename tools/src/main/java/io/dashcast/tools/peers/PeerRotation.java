package io.dashcast.tools.peers;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.PeerChange;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.PeerState;
import io.dashcast.engine.PeerStats;
import io.dashcast.engine.peers.NetGroup;
import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live rotation of the daemon's peer set, on the control side (a scheduler thread, the admin
 * endpoint, the SIGHUP handler; one at a time: its methods hold this object's lock, which no
 * broadcast loop ever takes). Each {@link #rotate} learns from the broadcaster's figures, asks the
 * {@link io.dashcast.engine.peers.PeerSelector} for the {@code max_peers} to keep (pinned, best by
 * score, a share exploring, the diversity rules) and applies the difference through the
 * broadcaster's live peer set: peers that fell out are removed (never a pinned one), newcomers
 * added on the least-loaded loop. A peer in the set that has not been ready for {@code graceMs}
 * counts as down and is replaced. Operator commands ({@link #add}, {@link #remove}, {@link #pin})
 * and a re-read configuration ({@link #applyConfig}) go the same way.
 */
public final class PeerRotation
{
    /**
     * What one rotation did.
     *
     * @param added   peers added to the set.
     * @param removed peers removed from it.
     * @param live    peers in the set after it.
     * @param ready   peers ready before it.
     * @param learned new candidates from addresses peers relayed.
     */
    public record Round(int added, int removed, int live, int ready, int learned)
    {
    }

    /** Relayed addresses taken into the store per rotation, at most. */
    static final int MAX_ADDRESSES_PER_ROUND = 4_096;

    private final PeerManager manager;
    private final Broadcaster broadcaster;
    private final long graceMs;
    private final boolean fill;
    private final Map<String, Long> notReadySinceMs = new HashMap<>();
    private final Set<String> removedByOperator = new HashSet<>();
    private final boolean onionReachable;
    private Map<String, PeerEndpoint> configured = new LinkedHashMap<>();
    private Map<String, String> reasons = Map.of();

    /**
     * @param manager     the store and selector.
     * @param broadcaster the running broadcaster.
     * @param graceMs     how long a peer of the set may be not ready before it is replaced (reconnect_delay).
     * @param configured  the configured peers the broadcaster started with (pinned).
     * @param fill        true to choose and rotate peers from the store (discovery on); false keeps the
     *                    configured and operator-added peers only, and a rotation just learns.
     */
    public PeerRotation(
        final PeerManager manager, final Broadcaster broadcaster, final long graceMs, final List<PeerEndpoint> configured,
        final boolean fill)
    {
        this.manager = manager;
        this.fill = fill;
        this.onionReachable = broadcaster.context().socksProxy() != null;
        this.broadcaster = broadcaster;
        this.graceMs = graceMs;
        for (final PeerEndpoint e : configured)
        {
            this.configured.put(PeerCandidate.key(e.host(), e.port()), e);
        }
    }

    /**
     * Learn, choose, apply.
     *
     * @param nowMs now.
     * @return what changed.
     */
    public synchronized Round rotate(final long nowMs)
    {
        final io.dashcast.engine.BroadcasterStats all = broadcaster.stats();
        final List<PeerStats> stats = all.peers();
        manager.learn(all, nowMs, false);
        final Map<String, PeerEndpoint> live = liveByKey();
        if (!fill)
        {
            return new Round(0, 0, live.size(), broadcaster.readyPeerCount(), 0);
        }
        // Addresses our peers relayed (answers to our getaddr): candidates for the store.
        final int[] learned = new int[1];
        broadcaster.pollAddresses((host, port, services, time) ->
        {
            if (manager.store().get(host, port) == null && manager.store().add(host, port, PeerSource.ADDR, nowMs) != null)
            {
                learned[0]++;
            }
        }, MAX_ADDRESSES_PER_ROUND);
        final Map<String, PeerState> states = new HashMap<>();
        for (final PeerStats p : stats)
        {
            states.put(PeerCandidate.key(p.host(), p.port()), p.state());
        }
        final Set<String> connected = new HashSet<>();
        final Set<String> down = new HashSet<>();
        int ready = 0;
        for (final String key : live.keySet())
        {
            if (states.get(key) == PeerState.READY)
            {
                connected.add(key);
                notReadySinceMs.remove(key);
                ready++;
            }
            else if (nowMs - notReadySinceMs.computeIfAbsent(key, k -> nowMs) >= graceMs || failedLastAttempt(key, live))
            {
                // Not ready for reconnect_delay, or its last (re)connection failed: replace it now.
                down.add(key);
            }
        }
        notReadySinceMs.keySet().retainAll(live.keySet());
        final List<PeerCandidate> candidates = new ArrayList<>();
        for (final PeerCandidate c : manager.store().all())
        {
            // Tor candidates wait in the store until there is a SOCKS5 proxy (Tor) to reach them; I2P
            // ones for good (I2P is not reached through SOCKS5 here).
            final boolean dialable = c.host().endsWith(".onion") ? onionReachable : !c.host().endsWith(".i2p");
            if (!removedByOperator.contains(c.key()) && (dialable || c.pinned()))
            {
                candidates.add(c);
            }
        }
        final Map<PeerCandidate, String> chosen = manager.selector().select(candidates, connected, down, nowMs, manager.random());
        final Set<String> wanted = new HashSet<>();
        final Map<String, String> why = new HashMap<>();
        chosen.forEach((c, reason) ->
        {
            wanted.add(c.key());
            why.put(c.key(), reason);
        });
        reasons = Map.copyOf(why);
        int removed = 0;
        final Map<String, Integer> groups = new HashMap<>();
        for (final Map.Entry<String, PeerEndpoint> e : live.entrySet())
        {
            final String key = e.getKey();
            // A newcomer still handshaking keeps its slot until it is ready or down: it must get its
            // chance to be measured before it is judged.
            final boolean judged = connected.contains(key) || down.contains(key);
            if (!wanted.contains(key) && judged && broadcaster.removePeer(e.getValue().name()) == PeerChange.REMOVING)
            {
                removed++;
                notReadySinceMs.remove(key);
                final PeerCandidate c = manager.store().get(e.getValue().host(), e.getValue().port());
                if (c != null)
                {
                    c.onRemoved(nowMs);
                }
            }
            else
            {
                groups.merge(group(e.getValue()), 1, Integer::sum);
            }
        }
        final List<PeerCandidate> newcomers = new ArrayList<>();
        int slots = manager.selector().maxPeers() - (live.size() - removed);
        for (final PeerCandidate c : chosen.keySet())
        {
            if (live.containsKey(c.key()) || !(c.pinned() || slots > 0))
            {
                continue;
            }
            // The cap holds on the set itself: the newcomers still handshaking count too.
            final String g = manager.selector().groupOf(c);
            if (!c.pinned() && NetGroup.capped(g) && groups.getOrDefault(g, 0) >= PeerManager.MAX_PER_NET_GROUP)
            {
                continue;
            }
            groups.merge(g, 1, Integer::sum);
            newcomers.add(c);
            slots -= c.pinned() ? 0 : 1;
        }
        // Connection order within a priority is random.
        java.util.Collections.shuffle(newcomers, manager.random());
        int added = 0;
        for (final PeerCandidate c : newcomers)
        {
            if (broadcaster.addPeer(endpoint(c), c.pinned()) == PeerChange.ADDED)
            {
                added++;
            }
        }
        return new Round(added, removed, live.size() - removed + added, ready, learned[0]);
    }

    /**
     * @return why each peer of the last rotation's choice is in the set (pinned, score, cluster X,
     * explore), by store key.
     */
    public synchronized Map<String, String> reasons()
    {
        return reasons;
    }

    /**
     * Learn from the broadcaster's figures and save the store (the health check, and at close).
     *
     * @param nowMs now.
     */
    public synchronized void learnAndSave(final long nowMs)
    {
        manager.learn(broadcaster.stats(), nowMs);
    }

    /**
     * @return one line per live peer: name, state, priority, pinned.
     */
    public synchronized String list()
    {
        final StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT, "%-28s %-12s %-9s %-6s %9s  %s%n",
            "PEER", "STATE", "PRIORITY", "PINNED", "RTT_MS", "WHY"));
        for (final PeerStats p : broadcaster.stats().peers())
        {
            if (!liveByKey().containsKey(PeerCandidate.key(p.host(), p.port())))
            {
                continue;
            }
            out.append(String.format(java.util.Locale.ROOT, "%-28s %-12s %-9s %-6s %9.2f  %s%n", p.name(),
                p.state().name().toLowerCase(java.util.Locale.ROOT), p.priority().name().toLowerCase(java.util.Locale.ROOT),
                broadcaster.isPinned(p.name()) ? "yes" : "", p.lastRttUs() / 1000.0,
                reasons.getOrDefault(PeerCandidate.key(p.host(), p.port()), fill ? "joining" : "configured or added")));
        }
        return out.toString();
    }

    /**
     * The operator adds a peer: into the store (source operator, pinned) and the live set now.
     *
     * @param host  host.
     * @param port  port.
     * @param nowMs now.
     * @return the broadcaster's answer.
     */
    public synchronized PeerChange add(final String host, final int port, final long nowMs)
    {
        final String key = PeerCandidate.key(host, port);
        removedByOperator.remove(key);
        final PeerCandidate c = manager.store().add(host, port, PeerSource.OPERATOR, nowMs);
        if (c != null)
        {
            c.pinned(true);
        }
        final PeerEndpoint live = liveByKey().get(key);
        if (live != null)
        {
            return broadcaster.pinPeer(live.name(), true);
        }
        return broadcaster.addPeer(new PeerEndpoint(key, host, port, PeerPriority.NORMAL), true);
    }

    /**
     * The operator removes a peer: unpinned, closed after its in-flight block, and not chosen again
     * until added again.
     *
     * @param host host.
     * @param port port.
     * @return the broadcaster's answer.
     */
    public synchronized PeerChange remove(final String host, final int port)
    {
        final String key = PeerCandidate.key(host, port);
        removedByOperator.add(key);
        final PeerCandidate c = manager.store().get(host, port);
        if (c != null)
        {
            c.pinned(false);
            c.onRemoved(System.currentTimeMillis());
        }
        final PeerEndpoint live = liveByKey().get(key);
        if (live == null)
        {
            return PeerChange.UNKNOWN_PEER;
        }
        broadcaster.pinPeer(live.name(), false);
        return broadcaster.removePeer(live.name());
    }

    /**
     * The operator pins (keeps for good) or unpins a peer; pinning a peer not in the set adds it.
     *
     * @param host  host.
     * @param port  port.
     * @param pin   true to pin.
     * @param nowMs now.
     * @return the broadcaster's answer.
     */
    public synchronized PeerChange pin(final String host, final int port, final boolean pin, final long nowMs)
    {
        if (pin)
        {
            return add(host, port, nowMs);
        }
        final PeerCandidate c = manager.store().get(host, port);
        if (c != null)
        {
            c.pinned(false);
        }
        final PeerEndpoint live = liveByKey().get(PeerCandidate.key(host, port));
        return live == null ? PeerChange.UNKNOWN_PEER : broadcaster.pinPeer(live.name(), false);
    }

    /**
     * A re-read configuration: peers new to it are added and pinned, peers gone from it unpinned
     * and removed, a changed priority applied; a peer in both is left alone (its connection stays).
     *
     * @param peers the configured peers now.
     * @param nowMs now.
     * @return a one-line account.
     */
    public synchronized String applyConfig(final List<PeerEndpoint> peers, final long nowMs)
    {
        final Map<String, PeerEndpoint> next = new LinkedHashMap<>();
        for (final PeerEndpoint e : peers)
        {
            next.put(PeerCandidate.key(e.host(), e.port()), e);
        }
        final Map<String, PeerEndpoint> live = liveByKey();
        int added = 0;
        int removed = 0;
        int changed = 0;
        for (final Map.Entry<String, PeerEndpoint> e : configured.entrySet())
        {
            if (!next.containsKey(e.getKey()))
            {
                final PeerCandidate c = manager.store().get(e.getValue().host(), e.getValue().port());
                if (c != null)
                {
                    c.pinned(false);
                    c.onRemoved(nowMs);
                }
                final PeerEndpoint l = live.get(e.getKey());
                if (l != null)
                {
                    broadcaster.pinPeer(l.name(), false);
                    removed += broadcaster.removePeer(l.name()) == PeerChange.REMOVING ? 1 : 0;
                }
            }
        }
        for (final Map.Entry<String, PeerEndpoint> e : next.entrySet())
        {
            final PeerEndpoint want = e.getValue();
            removedByOperator.remove(e.getKey());
            manager.store().add(want.host(), want.port(), PeerSource.CONFIG, nowMs);
            final PeerEndpoint l = live.get(e.getKey());
            if (l == null)
            {
                added += broadcaster.addPeer(want, true) == PeerChange.ADDED ? 1 : 0;
                continue;
            }
            broadcaster.pinPeer(l.name(), true);
            if (l.priority() != want.priority())
            {
                changed += broadcaster.prioritisePeer(l.name(), want.priority()) == PeerChange.PRIORITY_SET ? 1 : 0;
            }
        }
        configured = next;
        return "configuration re-read: " + next.size() + " peers configured, " + added + " added, " + removed +
            " removed, " + changed + " re-prioritised, the others left connected";
    }

    private String group(final PeerEndpoint e)
    {
        final PeerCandidate c = manager.store().get(e.host(), e.port());
        return c != null ? manager.selector().groupOf(c) : NetGroup.of(e.host());
    }

    private boolean failedLastAttempt(final String key, final Map<String, PeerEndpoint> live)
    {
        final PeerEndpoint e = live.get(key);
        final PeerCandidate c = manager.store().get(e.host(), e.port());
        return c != null && c.lastAttemptMs() > c.lastSuccessMs();
    }

    private Map<String, PeerEndpoint> liveByKey()
    {
        final Map<String, PeerEndpoint> live = new LinkedHashMap<>();
        for (final PeerEndpoint e : broadcaster.livePeers())
        {
            live.put(PeerCandidate.key(e.host(), e.port()), e);
        }
        return live;
    }

    private static PeerEndpoint endpoint(final PeerCandidate c)
    {
        return new PeerEndpoint(c.key(), c.host(), c.port(), c.quorumMember() ? PeerPriority.HIGH : PeerPriority.NORMAL);
    }
}
