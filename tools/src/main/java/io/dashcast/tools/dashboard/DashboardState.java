package io.dashcast.tools.dashboard;

import io.dashcast.engine.FailureReason;
import io.dashcast.engine.PeerState;
import io.dashcast.engine.SendReason;
import io.dashcast.engine.FrameKind;
import io.dashcast.engine.status.BlockTimeline;
import io.dashcast.engine.status.EngineStatus;
import io.dashcast.engine.status.FanoutStage;
import io.dashcast.engine.status.LatencyRecorder;
import io.dashcast.engine.status.PeerCounterDescriptor;
import io.dashcast.engine.status.PeerStatus;
import io.dashcast.engine.status.PropagationLevel;
import io.dashcast.engine.status.SystemCounterDescriptor;
import io.dashcast.protocol.Hashes;
import io.dashcast.tools.metrics.HealthCheck;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the dashboard draws, as a JSON-ready tree: the seed's panel (peers x/y, blocks, success
 * rate, average broadcast time, last block, per-peer health and ack rate), each peer's RTT and
 * ack-latency histograms and the send policy's last choice, and the last blocks' waterfalls.
 * Built off the loops from counters, recorders and {@link BlockTimeline}.
 */
public final class DashboardState
{
    /** Histogram bucket bounds shown on the page, milliseconds. */
    static final double[] BUCKETS_MS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
        Double.POSITIVE_INFINITY};
    private static final int BLOCKS_SHOWN = 30;

    private final EngineStatus status;
    private final Runnable refresh;
    private final HealthCheck health;
    private final Function<String, String> chainStatus;

    /**
     * @param status      the engine's counters.
     * @param refresh     copies sampled gauges into counters first.
     * @param health      the health rule, or null.
     * @param chainStatus block hash (display hex) to landed/orphaned/chainlocked/pending, or null.
     */
    public DashboardState(
        final EngineStatus status, final Runnable refresh, final HealthCheck health,
        final Function<String, String> chainStatus)
    {
        this.status = status;
        this.refresh = refresh;
        this.health = health;
        this.chainStatus = chainStatus;
    }

    /**
     * @return the tree (maps, lists, strings, numbers, booleans).
     */
    public Map<String, Object> build()
    {
        refresh.run();
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("summary", summary());
        root.put("buckets_ms", Arrays.stream(BUCKETS_MS).mapToObj(b -> Double.isInfinite(b) ? "+Inf" : b).toList());
        root.put("peers", peers());
        root.put("blocks", blocks());
        final Map<String, Object> fanout = new LinkedHashMap<>();
        for (final FanoutStage stage : FanoutStage.values())
        {
            fanout.put(stage.label(), percentiles(status.stage(stage)));
        }
        for (final PropagationLevel level : PropagationLevel.values())
        {
            fanout.put("propagation_" + level.label(), percentiles(status.propagation(level)));
        }
        root.put("fanout", fanout);
        return root;
    }

    private Map<String, Object> summary()
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        final long delivered = status.get(SystemCounterDescriptor.BLOCKS_DELIVERED);
        final long partial = status.get(SystemCounterDescriptor.BLOCKS_PARTIAL);
        final long unsent = status.get(SystemCounterDescriptor.BLOCKS_UNSENT);
        final long rejected = status.get(SystemCounterDescriptor.BLOCKS_REJECTED);
        final long reached = delivered + partial;
        final long all = reached + unsent + rejected;
        s.put("peers_ready", status.get(SystemCounterDescriptor.PEERS_READY));
        s.put("peers_configured", status.get(SystemCounterDescriptor.PEERS_CONFIGURED));
        s.put("blocks_broadcast", status.get(SystemCounterDescriptor.BLOCKS_COMPLETED));
        s.put("blocks_delivered", delivered);
        s.put("blocks_partial", partial);
        s.put("blocks_unsent", unsent);
        s.put("blocks_rejected", rejected);
        s.put("success_rate", all == 0 ? null : (double)reached / all);
        s.put("avg_broadcast_ms", reached == 0 ? null :
            status.get(SystemCounterDescriptor.BROADCAST_TIME_SUM_NS) / 1e6 / reached);
        final long lastMs = status.get(SystemCounterDescriptor.LAST_BLOCK_EPOCH_MS);
        s.put("last_block_ms", lastMs == 0 ? null : lastMs);
        final long landed = status.get(SystemCounterDescriptor.CHAIN_LANDED);
        final long orphaned = status.get(SystemCounterDescriptor.CHAIN_ORPHANED);
        s.put("chain_landed", landed);
        s.put("chain_orphaned", orphaned);
        s.put("chain_locked", status.get(SystemCounterDescriptor.CHAIN_LOCKED));
        s.put("orphan_rate", landed + orphaned == 0 ? null : (double)orphaned / (landed + orphaned));
        s.put("rpc_accepted", status.get(SystemCounterDescriptor.RPC_ACCEPTED) +
            status.get(SystemCounterDescriptor.RPC_DUPLICATE));
        s.put("rpc_failed", status.get(SystemCounterDescriptor.RPC_FAILED) + status.get(SystemCounterDescriptor.RPC_REJECTED));
        if (health != null)
        {
            final HealthCheck.Result r = health.check();
            s.put("healthy", r.healthy());
            s.put("health_reason", r.reason());
            s.put("min_peers", r.minPeers());
        }
        return s;
    }

    private List<Object> peers()
    {
        final List<Object> peers = new ArrayList<>();
        for (int i = 0; i < status.peerCount(); i++)
        {
            final PeerStatus p = status.peer(i);
            final Map<String, Object> m = new LinkedHashMap<>();
            final PeerState state = PeerState.values()[(int)p.get(PeerCounterDescriptor.STATE)];
            final long sent = p.get(PeerCounterDescriptor.SENT);
            final long acked = p.get(PeerCounterDescriptor.ACKED);
            m.put("name", p.name());
            m.put("priority", p.priority());
            m.put("state", state.name().toLowerCase());
            m.put("up", state == PeerState.READY);
            m.put("health", state == PeerState.READY ? ackRate(acked, sent) :
                p.get(PeerCounterDescriptor.FAILURES) > 0 || p.get(PeerCounterDescriptor.CONNECTS) > 0 ?
                "reconnecting" : "connecting");
            m.put("sent", sent);
            m.put("acked", acked);
            m.put("held_back", p.get(PeerCounterDescriptor.HELD_BACK));
            m.put("cut", p.get(PeerCounterDescriptor.CUT));
            m.put("connects", p.get(PeerCounterDescriptor.CONNECTS));
            m.put("failures", p.get(PeerCounterDescriptor.FAILURES));
            m.put("rtt_ms", p.get(PeerCounterDescriptor.LAST_RTT_NS) / 1e6);
            final long frame = p.get(PeerCounterDescriptor.LAST_FRAME);
            final long reason = p.get(PeerCounterDescriptor.LAST_REASON);
            m.put("frame", frame == 0 ? null : FrameKind.values()[(int)frame - 1].name().toLowerCase());
            m.put("reason", reason == 0 ? null : SendReason.values()[(int)reason - 1].name().toLowerCase());
            m.put("ack", histogram(p.ack()));
            m.put("rtt", histogram(p.rtt()));
            peers.add(m);
        }
        return peers;
    }

    static String ackRate(final long acked, final long sent)
    {
        if (sent == 0)
        {
            return "ready (0/0)";
        }
        return Math.round(100.0 * acked / sent) + "% (" + acked + "/" + sent + ")";
    }

    private List<Object> blocks()
    {
        final BlockTimeline timeline = status.timeline();
        final long newest = timeline.count() - 1;
        final long oldest = Math.max(0, newest - Math.min(BLOCKS_SHOWN, timeline.capacity()) + 1);
        final List<Object> blocks = new ArrayList<>();
        for (long index = oldest; index <= newest; index++)
        {
            final BlockTimeline.Block b = timeline.read(index);
            if (b != null)
            {
                blocks.add(block(b));
            }
        }
        return blocks;
    }

    private Map<String, Object> block(final BlockTimeline.Block b)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        final String hash = Hashes.toDisplayHex(b.hash(), 0);
        m.put("index", b.index());
        m.put("hash", hash);
        m.put("size", b.sizeBytes());
        m.put("time_ms", b.completeEpochMs());
        m.put("duration_ms", b.durationNs() / 1e6);
        m.put("chain", chainStatus == null ? "untracked" : chainStatus.apply(hash));
        final List<Object> peers = new ArrayList<>();
        for (int i = 0; i < b.peers().length; i++)
        {
            final BlockTimeline.Peer p = b.peers()[i];
            final Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("peer", i < status.peerCount() ? status.peer(i).name() : "peer-" + i);
            pm.put("handoff_ms", p.handoffNs() < 0 ? null : p.handoffNs() / 1e6);
            pm.put("ack_ms", p.ackNs() < 0 ? null : p.ackNs() / 1e6);
            pm.put("announced_ms", p.announcedNs() < 0 ? null : p.announcedNs() / 1e6);
            pm.put("outcome", p.outcome().name().toLowerCase());
            pm.put("failure", p.failure() == FailureReason.NONE ? null : p.failure().name().toLowerCase());
            pm.put("frame", p.frame() == null ? null : p.frame().name().toLowerCase());
            pm.put("reason", p.reason() == null ? null : p.reason().name().toLowerCase());
            peers.add(pm);
        }
        m.put("peers", peers);
        return m;
    }

    private static Map<String, Object> percentiles(final LatencyRecorder recorder)
    {
        return recorder.read(h ->
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", h.getTotalCount());
            m.put("p50_ms", h.getValueAtPercentile(50) / 1e6);
            m.put("p90_ms", h.getValueAtPercentile(90) / 1e6);
            m.put("p99_ms", h.getValueAtPercentile(99) / 1e6);
            m.put("max_ms", h.getMaxValue() / 1e6);
            return m;
        });
    }

    private static Map<String, Object> histogram(final LatencyRecorder recorder)
    {
        return recorder.read(h ->
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", h.getTotalCount());
            m.put("p50_ms", h.getValueAtPercentile(50) / 1e6);
            m.put("p90_ms", h.getValueAtPercentile(90) / 1e6);
            m.put("buckets", bucketCounts(h));
            return m;
        });
    }

    private static long[] bucketCounts(final Histogram h)
    {
        final long[] counts = new long[BUCKETS_MS.length];
        for (final HistogramIterationValue v : h.recordedValues())
        {
            final double ms = v.getValueIteratedTo() / 1e6;
            int b = 0;
            while (b < BUCKETS_MS.length - 1 && ms > BUCKETS_MS[b])
            {
                b++;
            }
            counts[b] += v.getCountAtValueIteratedTo();
        }
        return counts;
    }
}
