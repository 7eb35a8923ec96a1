package io.dashcast.tools.peers;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerSource;
import io.dashcast.engine.peers.PeerStore;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live rotation against 200 simulated nodes, all on 127.0.0.1: ten simulated net groups (by
 * port, capped like the internet's /16 groups), four ack-latency classes (the node delays its pongs, so
 * the pong after a block, our ack, comes 0, 10, 40 or 120 ms late), two broadcast loops, blocks
 * every 200 ms, a rotation every 250 ms. Checks convergence to max_peers under the diversity cap,
 * the preference for fast acks, exploration, the replacement of a dying peer within
 * reconnect_delay, the pinned peer (a slow one) kept throughout, and the learned store surviving a
 * restart. Bounded in time and file descriptors; every node and thread is closed.
 */
class PeerRotationSimTest
{
    private static final int NODES = 200;
    private static final int GROUPS = 10;
    private static final int MAX_PEERS = 16;
    private static final long[] DELAY_MS = { 0, 10, 40, 120 };
    private static final long RECONNECT_DELAY_MS = 1_000;
    private static final long ROTATE_MS = 250;
    private static final long BLOCK_MS = 200;
    private static final long RUN_MS = 24_000;

    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private final Map<String, Long> delayOf = new HashMap<>();
    private final Map<Integer, String> groupOfPort = new HashMap<>();
    private Broadcaster broadcaster;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown()
    {
        if (broadcaster != null)
        {
            broadcaster.close();
        }
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(90)
    void shouldConvergeDiverseAndFastExploreReplaceTheDeadKeepThePinnedAndRememberAfterRestart() throws Exception
    {
        final long fdsBefore = openFds();
        final long startNs = System.nanoTime();
        for (int i = 0; i < NODES; i++)
        {
            final int group = 1 + i % GROUPS;
            final long delay = DELAY_MS[(i / GROUPS) % DELAY_MS.length];
            final SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context()
                .network(Network.REGTEST)
                .misbehaviour(new SimMisbehaviour().pongDelayMs(delay)));
            nodes.add(node);
            // Every node is 127.0.0.1: its simulated net group goes by its port.
            groupOfPort.put(node.port(), "sim:" + group);
            delayOf.put(PeerCandidate.key("127.0.0.1", node.port()), delay);
        }
        // The pinned, configured peer is a slow one: rotation must keep it all the same.
        final SimulatedDashNode pinnedNode = nodes.get(3 * GROUPS);
        assertEquals(120, delayOf.get(key(pinnedNode)));
        final PeerEndpoint pinned = new PeerEndpoint("pinned", host(pinnedNode), pinnedNode.port(), PeerPriority.NORMAL);

        final Path storeFile = dir.resolve("peers.yaml");
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final PeerManager manager = new PeerManager(storeFile, MAX_PEERS, RECONNECT_DELAY_MS, new PrintStream(errors), 42)
            .groups(c -> groupOfPort.getOrDefault(c.port(), c.netGroup()));
        final long t0 = System.currentTimeMillis();
        manager.store().add(pinned.host(), pinned.port(), PeerSource.CONFIG, t0);
        for (final SimulatedDashNode node : nodes)
        {
            manager.store().add(host(node), node.port(), PeerSource.DASHD_ADDRESSES, t0);
        }
        assertEquals(NODES, manager.store().size());

        broadcaster = Broadcaster.launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .loopCount(2)
            .peerCapacity(64)
            .broadcastTimeoutNs(TimeUnit.SECONDS.toNanos(2))
            .addPeer(pinned));
        final PeerRotation rotation = new PeerRotation(manager, broadcaster, RECONNECT_DELAY_MS, List.of(pinned), true);

        final Set<String> everAdded = new HashSet<>();
        int rounds = 0;
        int fullRounds = 0;
        int worstGroup = 0;
        boolean pinnedAlways = true;
        byte[] tip = TestBlocks.genesis(Network.REGTEST);
        int height = 0;
        long nextBlockMs = 0;
        long nextRotateMs = 0;
        SimulatedDashNode killed = null;
        String killedKey = null;
        long killedAtMs = 0;
        long replacedAfterMs = -1;
        final long runStart = System.currentTimeMillis();
        while (System.currentTimeMillis() - runStart < RUN_MS)
        {
            final long now = System.currentTimeMillis();
            if (now >= nextBlockMs)
            {
                final byte[] block = TestBlocks.on(tip, height++).build();
                tip = block;
                final long result = broadcaster.submit(block);
                if (result < 0 && System.getenv("ROTATION_DEBUG") != null)
                {
                    System.out.println("submit: " + Broadcaster.describe(result));
                }
                nextBlockMs = now + BLOCK_MS;
            }
            if (now >= nextRotateMs)
            {
                final PeerRotation.Round round = rotation.rotate(now);
                rounds++;
                if (System.getenv("ROTATION_DEBUG") != null)
                {
                    System.out.println("round " + rounds + " " + round + " chosen " + rotation.reasons().size() + " " +
                        rotation.reasons().values().stream().collect(java.util.stream.Collectors.groupingBy(w -> w,
                            java.util.stream.Collectors.counting())) + " live " + broadcaster.livePeers().size() +
                        " groups " + worstGroupCount(broadcaster.livePeers()));
                }
                nextRotateMs = now + ROTATE_MS;
                final List<PeerEndpoint> live = broadcaster.livePeers();
                live.forEach(e -> everAdded.add(PeerCandidate.key(e.host(), e.port())));
                fullRounds += live.size() == MAX_PEERS ? 1 : 0;
                worstGroup = Math.max(worstGroup, worstGroupCount(live));
                pinnedAlways &= live.stream().anyMatch(e -> e.name().equals("pinned"));
                if (killed == null && now - runStart > RUN_MS / 2)
                {
                    // Kill a ready, scored (not exploring, not pinned) member of the set.
                    final PeerEndpoint victim = live.stream()
                        .filter(e -> !e.name().equals("pinned"))
                        .filter(e -> isReady(e.name()))
                        .min((a, b) -> Long.compare(delayOf.get(key(a)), delayOf.get(key(b))))
                        .orElseThrow();
                    killedKey = key(victim);
                    killed = nodes.stream().filter(n -> key(n).equals(key(victim))).findFirst().orElseThrow();
                    killed.close();
                    killedAtMs = System.currentTimeMillis();
                }
                else if (killed != null && replacedAfterMs < 0)
                {
                    final String dead = killedKey;
                    if (System.getenv("ROTATION_DEBUG") != null)
                    {
                        System.out.println("after kill " + (System.currentTimeMillis() - killedAtMs) + " ms: " +
                            broadcaster.stats().peers().stream().filter(p -> key(p.host(), p.port()).equals(dead))
                                .map(p -> p.state() + " failures " + p.consecutiveFailures()).toList() + " store " +
                            manager.store().get(dead.substring(0, dead.lastIndexOf(':')),
                                Integer.parseInt(dead.substring(dead.lastIndexOf(':') + 1))));
                    }
                    final boolean gone = live.stream().noneMatch(e -> key(e).equals(dead));
                    if (gone && live.size() == MAX_PEERS)
                    {
                        replacedAfterMs = System.currentTimeMillis() - killedAtMs;
                    }
                }
            }
            Thread.sleep(10);
        }
        rotation.learnAndSave(System.currentTimeMillis());
        if (System.getenv("ROTATION_DEBUG") != null)
        {
            broadcaster.readErrors((count, first, last, text) -> System.out.println("error x" + count + ": " + text));
        }
        final List<PeerEndpoint> finalSet = broadcaster.livePeers();
        final int readyAtEnd = broadcaster.readyPeerCount();
        final double setAckMs = finalSet.stream().filter(e -> !e.name().equals("pinned"))
            .mapToLong(e -> delayOf.get(key(e))).average().orElse(1e9);
        final double populationAckMs = java.util.Arrays.stream(DELAY_MS).average().orElseThrow();
        final Map<String, String> why = rotation.reasons();
        final double scoredAckMs = why.entrySet().stream().filter(e -> e.getValue().equals("score"))
            .mapToLong(e -> delayOf.get(e.getKey())).average().orElse(1e9);
        final long scored = why.values().stream().filter("score"::equals).count();
        final long exploring = why.values().stream().filter("explore"::equals).count();
        final long clusters = why.values().stream().filter(w -> w.startsWith("cluster")).count();
        final int triedCount = manager.store().countTried();
        broadcaster.close();
        broadcaster = null;

        // A restart: the store file brings back what was learned.
        final PeerManager restarted = new PeerManager(storeFile, MAX_PEERS, RECONNECT_DELAY_MS, new PrintStream(errors), 7)
            .groups(c -> groupOfPort.getOrDefault(c.port(), c.netGroup()));
        final PeerStore reloaded = restarted.store();
        final List<PeerEndpoint> restartChoice = restarted.choose(List.of(pinned), System.currentTimeMillis());
        final double restartAckMs = restartChoice.stream().filter(e -> !e.name().equals("pinned"))
            .filter(e -> reloaded.get(e.host(), e.port()).tried())
            .mapToLong(e -> delayOf.get(key(e))).average().orElse(1e9);
        // What the restart picks by score (the learned part; the rest explores by design): the
        // selection is the same whatever the random source, exploration aside.
        final double restartScoredAckMs = restarted.selector()
            .select(reloaded.all(), Set.of(), Set.of(), System.currentTimeMillis(), new java.util.Random(7)).entrySet().stream()
            .filter(e -> e.getValue().equals("score")).mapToLong(e -> delayOf.get(e.getKey().key())).average().orElse(1e9);

        nodes.forEach(SimulatedDashNode::close);
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        final long fdsAfter = awaitFds(fdsBefore + 32);
        final String figures = String.format(Locale.ROOT,
            "rounds %d, full (%d peers) %d, ready at end %d, most per group %d, distinct peers tried %d of %d, " +
                "store tried %d, mean configured ack delay of the set %.1f ms (population %.1f ms), of its %d picks by score %.1f ms " +
                "(%d exploring, %d covering an RTT cluster), " +
                "dead peer out of the set and a replacement added after %d ms (reconnect_delay %d ms), restart: store %d, " +
                "its choice's tried peers mean %.1f ms (its picks by score %.1f ms), fds before %d after %d, %d ms in all",
            rounds, MAX_PEERS, fullRounds, readyAtEnd, worstGroup, everAdded.size(), NODES, triedCount, setAckMs,
            populationAckMs, scored, scoredAckMs, exploring, clusters, replacedAfterMs, RECONNECT_DELAY_MS, reloaded.size(), restartAckMs, restartScoredAckMs, fdsBefore,
            fdsAfter, elapsedMs);
        System.out.println("PeerRotationSimTest: " + figures);

        assertEquals(MAX_PEERS, finalSet.size(), figures);
        assertTrue(fullRounds > rounds / 2, "converged to max_peers most of the time: " + figures);
        assertTrue(readyAtEnd >= MAX_PEERS - 4, "ready at the end: " + figures);
        assertTrue(worstGroup <= PeerManager.MAX_PER_NET_GROUP, "at most k per net group in every round: " + figures);
        assertTrue(pinnedAlways, "the pinned peer never left: " + figures);
        assertTrue(setAckMs < populationAckMs, "the set is faster than the population: " + figures);
        assertTrue(scored >= MAX_PEERS / 2 && scoredAckMs < populationAckMs / 2, "prefers fast acks: " + figures);
        assertTrue(exploring >= 1, "a share explores: " + figures);
        // UCB explores untried nodes and re-tries the promising: beyond the set, not all 200 (25-40 in runs).
        assertTrue(everAdded.size() >= MAX_PEERS + 4, "explores: " + figures);
        assertTrue(replacedAfterMs >= 0 && replacedAfterMs <= RECONNECT_DELAY_MS + 2 * ROTATE_MS,
            "the dead peer replaced within reconnect_delay (+ a rotation period): " + figures);
        assertEquals(NODES, reloaded.size(), "the store survives the restart: " + figures);
        assertNotNull(reloaded.get(pinned.host(), pinned.port()));
        assertTrue(reloaded.countTried() >= MAX_PEERS, figures);
        // The learned part of the restart's choice meets the bar the live set's does; the whole choice,
        // a fifth of it exploring by design, is faster than the population (on CI's loaded machine
        // the whole set measured 16-22 ms against a population of 42.5: the old bar, half of it, was
        // one of exploration's luck).
        assertTrue(restartScoredAckMs < populationAckMs / 2, "after the restart the learned fast peers come first: " + figures);
        assertTrue(restartAckMs < populationAckMs, "the restart's choice is faster than the population: " + figures);
        assertTrue(fdsAfter <= fdsBefore + 32, "file descriptors back: " + figures);
        assertTrue(Files.size(storeFile) > 0);
    }

    private boolean isReady(final String name)
    {
        return broadcaster.stats().peers().stream()
            .anyMatch(p -> p.name().equals(name) && p.state() == io.dashcast.engine.PeerState.READY);
    }

    private int worstGroupCount(final List<PeerEndpoint> live)
    {
        final Map<String, Integer> groups = new HashMap<>();
        int worst = 0;
        for (final PeerEndpoint e : live)
        {
            worst = Math.max(worst, groups.merge(groupOfPort.get(e.port()), 1, Integer::sum));
        }
        return worst;
    }

    private static String host(final SimulatedDashNode node)
    {
        return "127.0.0.1";
    }

    private static String key(final SimulatedDashNode node)
    {
        return PeerCandidate.key(host(node), node.port());
    }

    private static String key(final String host, final int port)
    {
        return PeerCandidate.key(host, port);
    }

    private static String key(final PeerEndpoint e)
    {
        return PeerCandidate.key(e.host(), e.port());
    }

    private static long openFds() throws Exception
    {
        try (var list = Files.list(Path.of("/proc/self/fd")))
        {
            return list.count();
        }
    }

    private static long awaitFds(final long bound) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long fds = openFds();
        while (fds > bound && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
            fds = openFds();
        }
        return fds;
    }
}
