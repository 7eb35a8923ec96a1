package io.dashcast.engine.peers;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerSelectorTest
{
    private static final int MAX_PEERS = 16;
    private static final int PER_GROUP = 2;
    private static final long ROUND_MS = 30_000;

    /** One simulated node of the world: its true latency and whether it answers. */
    private static final class World
    {
        final Map<String, Double> ackUs = new HashMap<>();
        final Set<String> dead = new HashSet<>();
        final Random random = new Random(42);
        final PeerStore store = new PeerStore(1024, 256);

        World(final int nodes, final long nowMs)
        {
            for (int i = 0; i < nodes; i++)
            {
                // 25 /16 groups of 8 nodes each; latency classes spread over the groups.
                final String host = "198." + (i % 25) + ".0." + (i / 25 + 1);
                final double base = new double[] {2_000, 20_000, 90_000, 180_000}[i % 4];
                final double latency = base * (1 + (i * 7919 % 100) / 100.0);
                store.add(host, 9999, PeerSource.DASHD_ADDRESSES, nowMs);
                ackUs.put(PeerCandidate.key(host, 9999), latency);
            }
        }

        /** One health-check round: connect to what the selector chose, measure, drop the rest. */
        Map<PeerCandidate, String> round(final PeerSelector selector, final Set<String> connected, final long nowMs)
        {
            final Map<PeerCandidate, String> chosen = selector.select(store.all(), connected, Set.of(), nowMs, random);
            final Set<String> next = new HashSet<>();
            for (final PeerCandidate c : chosen.keySet())
            {
                if (!connected.contains(c.key()))
                {
                    c.onAttempt(nowMs);
                    if (dead.contains(c.key()))
                    {
                        continue;
                    }
                    store.onReady(c, nowMs, ackUs.getOrDefault(c.key(), 1_000.0) / 2);
                }
                if (!dead.contains(c.key()))
                {
                    c.onAck(ackUs.getOrDefault(c.key(), 1_000.0) * (0.9 + 0.2 * random.nextDouble()));
                    next.add(c.key());
                }
                else
                {
                    c.onDisconnect(nowMs);
                    c.onAttempt(nowMs);   // the engine's reconnect to it failed
                }
            }
            for (final String key : connected)
            {
                if (!next.contains(key))
                {
                    store.all().stream().filter(c -> c.key().equals(key)).forEach(c -> c.onDisconnect(nowMs));
                }
            }
            connected.clear();
            connected.addAll(next);
            return chosen;
        }
    }

    @Test
    void convergesToMaxPeersWithDiversityAndPrefersFastPeers()
    {
        long now = 1_000_000;
        final World world = new World(200, now);
        final PeerCandidate pinned = world.store.add("203.0.113.5", 9999, PeerSource.CONFIG, now);
        world.ackUs.put(pinned.key(), 400_000.0);   // slow, but pinned: never dropped
        final PeerSelector selector = new PeerSelector(MAX_PEERS, PER_GROUP, 0.2, 120_000);
        final Set<String> connected = new HashSet<>();
        Map<PeerCandidate, String> chosen = Map.of();
        for (int round = 0; round < 60; round++)
        {
            now += ROUND_MS;
            chosen = world.round(selector, connected, now);
            assertTrue(chosen.containsKey(pinned), "pinned peer kept in round " + round);
            assertTrue(chosen.size() <= MAX_PEERS);
            final Map<String, Integer> groups = new HashMap<>();
            chosen.keySet().forEach(c -> groups.merge(c.netGroup(), 1, Integer::sum));
            assertTrue(groups.values().stream().allMatch(n -> n <= PER_GROUP), "at most 2 per /16: " + groups);
        }
        assertEquals(MAX_PEERS, chosen.size(), "converged to max_peers");
        assertEquals(MAX_PEERS, connected.size() + 0, "all connected");

        // Prefers low ack latency: the exploiting picks are far faster than the average node.
        final double worldMean = world.ackUs.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        final double scoredMean = chosen.entrySet().stream().filter(e -> e.getValue().equals("score"))
            .mapToDouble(e -> world.ackUs.get(e.getKey().key())).average().orElseThrow();
        assertTrue(scoredMean < worldMean / 2, "scored picks " + scoredMean + " vs world " + worldMean);

        // Explores: well over max_peers distinct candidates were tried over the rounds.
        final long tried = world.store.all().stream().filter(c -> c.attempts() > 0).count();
        assertTrue(tried > 2L * MAX_PEERS, "explored " + tried + " candidates");

        // Every RTT class seen is held by at least one pick.
        final Set<RttCluster> held = new HashSet<>();
        chosen.keySet().forEach(c -> held.add(c.rttCluster()));
        for (final PeerCandidate c : world.store.all())
        {
            if (c.tried() && c.rttCluster() != RttCluster.UNKNOWN)
            {
                assertTrue(held.contains(c.rttCluster()), "cluster " + c.rttCluster() + " held");
            }
        }
    }

    @Test
    void replacesADeadPeerInTheNextRound()
    {
        long now = 1_000_000;
        final World world = new World(200, now);
        final PeerSelector selector = new PeerSelector(MAX_PEERS, PER_GROUP, 0.2, 120_000);
        final Set<String> connected = new HashSet<>();
        for (int round = 0; round < 30; round++)
        {
            now += ROUND_MS;
            world.round(selector, connected, now);
        }
        final String victim = connected.iterator().next();
        world.dead.add(victim);
        now += ROUND_MS;
        world.round(selector, connected, now);   // the round that finds it dead
        assertFalse(connected.contains(victim));
        now += ROUND_MS;
        final Map<PeerCandidate, String> chosen = world.round(selector, connected, now);
        assertEquals(MAX_PEERS, connected.size(), "set full again one round after the death");
        assertTrue(chosen.keySet().stream().noneMatch(c -> c.key().equals(victim)), "dead peer left alone");
    }

    @Test
    void netGroups()
    {
        assertEquals("ipv4:198.51", NetGroup.of("198.51.100.7"));
        assertEquals(NetGroup.of("198.51.1.1"), NetGroup.of("198.51.200.9"));
        assertEquals("ipv6:2001:0db8", NetGroup.of("2001:db8::1"));
        assertEquals("ipv6:2001:0db8", NetGroup.of("[2001:db8:ffff::2]"));
        assertEquals("onion", NetGroup.of("abcdefghijklmnop.onion"));
        assertEquals("i2p", NetGroup.of("xyz.b32.i2p"));
        assertEquals("name:seed.dash.org", NetGroup.of("seed.dash.org"));
        assertEquals("name:1.2.3", NetGroup.of("1.2.3"));
        assertEquals("local:127.0.0.1", NetGroup.of("127.0.0.1"));
        assertEquals("ipv4:172.32", NetGroup.of("172.32.0.1"));
        assertEquals("local:::1", NetGroup.of("[::1]"));
    }

    @Test
    void storeIsBoundedAndEvictsTerribleFirst()
    {
        final PeerStore store = new PeerStore(10, 4);
        final long now = 1_000;
        final PeerCandidate bad = store.add("192.0.2.1", 9999, PeerSource.ADDR, now);
        bad.onAttempt(now);
        bad.onAttempt(now);
        bad.onAttempt(now);
        for (int i = 2; i <= 20; i++)
        {
            store.add("192.0." + i + ".1", 9999, PeerSource.ADDR, now + i);
        }
        assertEquals(10, store.countNew());
        assertEquals(null, store.get("192.0.2.1", 9999), "terrible address evicted first");
        store.add("203.0.113.9", 9999, PeerSource.CONFIG, now);
        assertEquals(11, store.size(), "a configured peer always fits");
        for (final PeerCandidate c : store.all().stream().filter(c -> !c.pinned()).limit(6).toList())
        {
            store.onReady(c, now, 1_000);
            c.onDisconnect(now + 1);
        }
        assertTrue(store.countTried() <= 4, "tried table bounded");
    }

    @Test
    void untriedCandidatesFillOpenSlots()
    {
        final PeerStore store = new PeerStore(100, 100);
        store.add("127.0.0.1", 1, PeerSource.CONFIG, 1000);
        store.add("127.0.0.1", 2, PeerSource.DASHD_PEERS, 1000);
        store.add("127.0.0.1", 3, PeerSource.DASHD_PEERS, 1000);
        final Map<PeerCandidate, String> chosen = new PeerSelector(8, 2, 0.2, 10_000)
            .select(store.all(), Set.of(), Set.of(), 2000, new Random(1));
        assertEquals(3, chosen.size(), chosen.toString());
    }
}
