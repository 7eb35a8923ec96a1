package io.dashcast.tools.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.BroadcasterStats;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.PeerState;
import io.dashcast.engine.PeerStats;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerScore;
import io.dashcast.engine.peers.PeerSelector;
import io.dashcast.engine.peers.PeerSource;
import io.dashcast.engine.peers.PeerStore;
import io.dashcast.protocol.Network;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The daemon's peer manager: keeps the {@link PeerStore} (loaded at start, saved every health
 * check), fills it from discovery (the local dashd's peers, address manager and masternode list;
 * the DNS seeds), chooses the peers the broadcaster starts with ({@link PeerSelector}: configured
 * peers pinned, then the best measured, a share exploring), and learns from the broadcaster's
 * per-peer figures at every health check: handshakes, failures, round trips and block-ack latency.
 * Runs on the health-check thread, never on a broadcast loop.
 */
public final class PeerManager
{
    /** Peers of one net group the set may hold. */
    public static final int MAX_PER_NET_GROUP = 2;
    /** Share of open slots that explore. */
    public static final double EXPLORE_SHARE = 0.2;

    private final PeerStore store = new PeerStore(4096, 1024);
    private final Map<String, PeerStats> previous = new HashMap<>();
    private final Path storeFile;
    private final PrintStream err;
    private final PeerSelector selector;
    private final Random random;

    /**
     * @param storeFile      where the store lives (null: in memory only).
     * @param maxPeers       connections to keep.
     * @param reconnectMs    the reconnect delay: a peer failing its last attempt is left alone ten times as long.
     * @param err            where problems are reported.
     * @param seed           randomness seed (connection order, exploration).
     */
    public PeerManager(final Path storeFile, final int maxPeers, final long reconnectMs, final PrintStream err, final long seed)
    {
        this.storeFile = storeFile;
        this.err = err;
        this.selector = new PeerSelector(maxPeers, MAX_PER_NET_GROUP, EXPLORE_SHARE, 10 * reconnectMs);
        this.random = new Random(seed);
        if (storeFile != null)
        {
            try
            {
                PeerStoreFile.load(storeFile, store);
            }
            catch (final IOException ex)
            {
                err.println("dashcast: peer store: " + ex.getMessage());
            }
        }
    }

    /**
     * For simulations where every node is 127.0.0.1: each candidate's diversity group, capped as an
     * internet group ({@link PeerSelector#groups}).
     *
     * @param groupOf a candidate's group.
     * @return this.
     */
    public PeerManager groups(final Function<PeerCandidate, String> groupOf)
    {
        selector.groups(groupOf);
        return this;
    }

    /** @return the selector (rotation and the start choice share it). */
    public PeerSelector selector()
    {
        return selector;
    }

    /** @return the randomness of connection order and exploration. */
    public Random random()
    {
        return random;
    }

    /** @return the store (health-check thread only). */
    public PeerStore store()
    {
        return store;
    }

    /**
     * Learn candidates from the local dashd and the DNS seeds.
     *
     * @param dashd   the local dashd, or null.
     * @param network the network (its DNS seeds).
     * @param lookup  resolver for the seeds, or null to skip them.
     * @param nowMs   now.
     * @return candidates learned or refreshed.
     */
    public int discover(final DashdRpcClient dashd, final Network network, final DnsSeeds.Lookup lookup, final long nowMs)
    {
        final List<DashdDiscovery.Found> found = new ArrayList<>();
        if (dashd != null)
        {
            found.addAll(DashdDiscovery.fromPeerInfo(result(dashd, "getpeerinfo", "[]")));
            found.addAll(DashdDiscovery.fromNodeAddresses(result(dashd, "getnodeaddresses", "[0]")));
            final JsonNode masternodes = result(dashd, "protx", "[\"list\",\"valid\",true]");
            found.addAll(DashdDiscovery.fromMasternodes(masternodes, chainLockQuorum(dashd)));
        }
        if (lookup != null)
        {
            found.addAll(DnsSeeds.resolve(network, lookup));
        }
        int learned = 0;
        for (final DashdDiscovery.Found f : found)
        {
            final PeerCandidate c = store.add(f.host(), f.port(), f.source(), nowMs);
            if (c != null)
            {
                c.masternode(f.masternode() || c.masternode(), f.quorumMember());
                learned++;
            }
        }
        return learned;
    }

    /**
     * Choose the peers to start with: every configured peer (pinned, as configured), then the best
     * of the store under the diversity rules, in a random order within each priority.
     *
     * @param configured the configured peers, by priority.
     * @param nowMs      now.
     * @return the peers, critical first.
     */
    public List<PeerEndpoint> choose(final List<PeerEndpoint> configured, final long nowMs)
    {
        final Map<String, PeerEndpoint> byKey = new HashMap<>();
        for (final PeerEndpoint e : configured)
        {
            store.add(e.host(), e.port(), PeerSource.CONFIG, nowMs);
            byKey.put(PeerCandidate.key(e.host(), e.port()), e);
        }
        final Map<PeerCandidate, String> chosen = selector.select(store.all(), Set.of(), Set.of(), nowMs, random);
        final List<PeerEndpoint> picked = new ArrayList<>(configured);
        final List<PeerEndpoint> learned = new ArrayList<>();
        for (final Map.Entry<PeerCandidate, String> e : chosen.entrySet())
        {
            final PeerCandidate c = e.getKey();
            if (!byKey.containsKey(c.key()))
            {
                learned.add(new PeerEndpoint(c.key(), c.host(), c.port(),
                    c.quorumMember() ? PeerPriority.HIGH : PeerPriority.NORMAL));
            }
        }
        Collections.shuffle(learned, random);
        learned.sort((a, b) -> a.priority().compareTo(b.priority()));
        picked.addAll(learned);
        return picked;
    }

    /**
     * Learn from the broadcaster's figures since the last call: handshakes, failed attempts, lost
     * connections, round trips and block-ack latency; then save the store.
     *
     * @param stats the broadcaster's stats.
     * @param nowMs now.
     */
    public void learn(final BroadcasterStats stats, final long nowMs)
    {
        learn(stats, nowMs, true);
    }

    /**
     * As {@link #learn(BroadcasterStats, long)}, saving the store only when asked (the live rotation
     * learns often and saves at health checks).
     *
     * @param stats the broadcaster's stats.
     * @param nowMs now.
     * @param save  write the store file.
     */
    public void learn(final BroadcasterStats stats, final long nowMs, final boolean save)
    {
        for (final PeerStats p : stats.peers())
        {
            // A peer the broadcaster runs that the store lacks came from the configuration (a known one
            // keeps its source and pin: the live rotation adds learned peers too).
            final PeerCandidate known = store.get(p.host(), p.port());
            final PeerCandidate c = known != null ? known : store.add(p.host(), p.port(), PeerSource.CONFIG, nowMs);
            if (c == null)
            {
                continue;
            }
            final PeerStats last = previous.get(c.key());
            // A peer removed and added again has fresh counters: nothing before them.
            final PeerStats before = last != null && last.connects() <= p.connects() &&
                last.blocksAcked() <= p.blocksAcked() ? last : null;
            final long connectsBefore = before == null ? 0 : before.connects();
            final long failuresBefore = before == null ? 0 : before.consecutiveFailures();
            final long ackedBefore = before == null ? 0 : before.blocksAcked();
            if (p.connects() > connectsBefore)
            {
                c.onAttempt(nowMs);
                store.onReady(c, nowMs, p.lastRttUs());
            }
            for (long f = Math.max(failuresBefore, 0); f < p.consecutiveFailures(); f++)
            {
                c.onAttempt(nowMs);
            }
            if (p.state() != PeerState.READY && c.connected())
            {
                c.onDisconnect(nowMs);
            }
            if (p.state() == PeerState.READY)
            {
                c.onRtt(p.lastRttUs());
            }
            if (p.blocksAcked() > ackedBefore && p.ack().count() > 0)
            {
                c.onAck(p.ack().p50Us());
            }
            previous.put(c.key(), p);
        }
        if (save)
        {
            save();
        }
    }

    /** Write the store file now (also done by every {@link #learn}). */
    public void save()
    {
        if (storeFile != null)
        {
            try
            {
                PeerStoreFile.save(store, storeFile);
            }
            catch (final IOException ex)
            {
                err.println("dashcast: peer store " + storeFile + ": " + ex.getMessage());
            }
        }
    }

    /**
     * The table {@code dashcast peers} prints.
     *
     * @param store the store.
     * @param nowMs now.
     * @return one line per candidate, best score first.
     */
    public static String table(final PeerStore store, final long nowMs)
    {
        final List<PeerCandidate> all = new ArrayList<>(store.all());
        all.sort((a, b) -> Double.compare(PeerScore.of(b, nowMs), PeerScore.of(a, nowMs)));
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "%-28s %-7s %-16s %-18s %6s %9s %9s %5s %s%n",
            "PEER", "SCORE", "SOURCE", "NETGROUP", "OK/TRY", "RTT_MS", "ACK_MS", "PIN", "CLUSTER"));
        final Set<String> seen = new HashSet<>();
        for (final PeerCandidate c : all)
        {
            if (seen.add(c.key()))
            {
                out.append(String.format(Locale.ROOT, "%-28s %-7.3f %-16s %-18s %6s %9s %9s %5s %s%n",
                    c.key(), PeerScore.of(c, nowMs), c.source().name().toLowerCase(Locale.ROOT), c.netGroup(),
                    c.successes() + "/" + c.attempts(), ms(c.rttUs()), ms(c.ackUs()), c.pinned() ? "yes" : "",
                    c.rttCluster().name().toLowerCase(Locale.ROOT)));
            }
        }
        return out.toString();
    }

    private static String ms(final double us)
    {
        return us < 0 ? "-" : String.format(Locale.ROOT, "%.2f", us / 1000.0);
    }

    private JsonNode chainLockQuorum(final DashdRpcClient dashd)
    {
        final JsonNode list = result(dashd, "quorum", "[\"list\",1]");
        final var fields = list.fields();
        while (fields.hasNext())
        {
            final var entry = fields.next();
            // The ChainLock quorum type: llmq_400_60 on mainnet, llmq_test on regtest.
            if ((entry.getKey().equals("llmq_400_60") || entry.getKey().equals("llmq_test")) && entry.getValue().size() > 0)
            {
                final String type = entry.getKey().equals("llmq_400_60") ? "2" : "100";
                return result(dashd, "quorum", "[\"info\"," + type + ",\"" + entry.getValue().get(0).asText() + "\"]");
            }
        }
        return null;
    }

    private JsonNode result(final DashdRpcClient dashd, final String method, final String params)
    {
        final RpcReply reply = dashd.call(method, params);
        if (reply.status() != RpcReply.Status.OK || reply.result() == null)
        {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return reply.result();
    }
}
