package io.dashcast.tools.metrics;

import io.dashcast.engine.PeerState;
import io.dashcast.engine.status.EngineStatus;
import io.dashcast.engine.status.FanoutStage;
import io.dashcast.engine.status.LatencyRecorder;
import io.dashcast.engine.status.PeerCounterDescriptor;
import io.dashcast.engine.status.PeerStatus;
import io.dashcast.engine.status.PropagationLevel;
import io.dashcast.engine.status.SystemCounterDescriptor;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.agrona.concurrent.EpochClock;

/**
 * The Prometheus view of the engine, built at scrape time from the counters and the HdrHistogram
 * recorders (client_java 1.x {@link MultiCollector}): the broadcast path never allocates or calls
 * anything for monitoring. Names follow Prometheus conventions (base units: seconds, bytes;
 * {@code _total} counters); peer labels are the configured peers, so bounded by {@code max_peers}.
 */
public final class DashcastCollector implements MultiCollector
{
    /** Histogram bucket bounds, seconds: 50 µs to 30 s, then +Inf. */
    static final double[] BUCKETS_SECONDS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
        Double.POSITIVE_INFINITY};

    private final EngineStatus status;
    private final Runnable refresh;
    private final int minPeers;
    private final HealthCheck health;
    private final EpochClock clock;

    /**
     * @param status   the engine's counters.
     * @param refresh  copies sampled gauges into counters first (the broadcaster's), may be a no-op.
     * @param minPeers min_peers, exported for alert rules.
     * @param health   the dashd probe, or null.
     * @param clock    wall clock.
     */
    public DashcastCollector(
        final EngineStatus status, final Runnable refresh, final int minPeers, final HealthCheck health,
        final EpochClock clock)
    {
        this.status = status;
        this.refresh = refresh;
        this.minPeers = minPeers;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect()
    {
        refresh.run();
        final MetricSnapshots.Builder out = MetricSnapshots.builder();
        blocks(out);
        peersSummary(out);
        rpc(out);
        chain(out);
        latency(out);
        perPeer(out);
        return out.build();
    }

    private void blocks(final MetricSnapshots.Builder out)
    {
        out.metricSnapshot(CounterSnapshot.builder().name("dashcast_blocks")
            .help("Blocks by outcome: delivered to every ready peer, partial (some peer failed), unsent (no peer), " +
                "rejected at submit")
            .dataPoint(counter(SystemCounterDescriptor.BLOCKS_DELIVERED, "outcome", "delivered"))
            .dataPoint(counter(SystemCounterDescriptor.BLOCKS_PARTIAL, "outcome", "partial"))
            .dataPoint(counter(SystemCounterDescriptor.BLOCKS_UNSENT, "outcome", "unsent"))
            .dataPoint(counter(SystemCounterDescriptor.BLOCKS_REJECTED, "outcome", "rejected"))
            .build());
        out.metricSnapshot(CounterSnapshot.builder().name("dashcast_blocks_submitted")
            .help("Blocks accepted into the ring").dataPoint(counter(SystemCounterDescriptor.BLOCKS_SUBMITTED)).build());
        out.metricSnapshot(CounterSnapshot.builder().name("dashcast_block_bytes").unit(Unit.BYTES)
            .help("Block bytes handed off in full-block frames, all peers")
            .dataPoint(counter(SystemCounterDescriptor.BLOCK_BYTES)).build());
        final long lastMs = status.get(SystemCounterDescriptor.LAST_BLOCK_EPOCH_MS);
        out.metricSnapshot(GaugeSnapshot.builder().name("dashcast_last_block_timestamp_seconds")
            .help("When the last broadcast completed, Unix time (0: none yet)")
            .dataPoint(gauge(lastMs / 1000.0)).build());
    }

    private void peersSummary(final MetricSnapshots.Builder out)
    {
        out.metricSnapshot(GaugeSnapshot.builder().name("dashcast_peers_ready").help("Peers READY now")
            .dataPoint(gauge(status.get(SystemCounterDescriptor.PEERS_READY))).build());
        out.metricSnapshot(GaugeSnapshot.builder().name("dashcast_peers_configured").help("Peers configured (max_peers bound)")
            .dataPoint(gauge(status.get(SystemCounterDescriptor.PEERS_CONFIGURED))).build());
        out.metricSnapshot(GaugeSnapshot.builder().name("dashcast_peers_min").help("min_peers: fewer ready peers is unhealthy")
            .dataPoint(gauge(minPeers)).build());
        if (health != null)
        {
            out.metricSnapshot(GaugeSnapshot.builder().name("dashcast_dashd_up")
                .help("1 when the local dashd answered RPC at the last check").dataPoint(gauge(health.dashdUp() ? 1 : 0))
                .build());
        }
    }

    private void rpc(final MetricSnapshots.Builder out)
    {
        out.metricSnapshot(CounterSnapshot.builder().name("dashcast_rpc_fallback")
            .help("Local dashd RPC submitblock answers by result")
            .dataPoint(counter(SystemCounterDescriptor.RPC_ACCEPTED, "result", "accepted"))
            .dataPoint(counter(SystemCounterDescriptor.RPC_DUPLICATE, "result", "duplicate"))
            .dataPoint(counter(SystemCounterDescriptor.RPC_INCONCLUSIVE, "result", "inconclusive"))
            .dataPoint(counter(SystemCounterDescriptor.RPC_REJECTED, "result", "rejected"))
            .dataPoint(counter(SystemCounterDescriptor.RPC_FAILED, "result", "failed"))
            .build());
    }

    private void chain(final MetricSnapshots.Builder out)
    {
        out.metricSnapshot(CounterSnapshot.builder().name("dashcast_chain_blocks")
            .help("Our blocks as the local dashd sees them: landed on the best chain, orphaned, chainlocked")
            .dataPoint(counter(SystemCounterDescriptor.CHAIN_LANDED, "status", "landed"))
            .dataPoint(counter(SystemCounterDescriptor.CHAIN_ORPHANED, "status", "orphaned"))
            .dataPoint(counter(SystemCounterDescriptor.CHAIN_LOCKED, "status", "chainlocked"))
            .build());
    }

    private void latency(final MetricSnapshots.Builder out)
    {
        final HistogramSnapshot.Builder fanout = HistogramSnapshot.builder().name("dashcast_block_fanout_seconds")
            .help("Submit to the first/last peer hand-off and the first/last ack, per block");
        for (final FanoutStage stage : FanoutStage.values())
        {
            fanout.dataPoint(histogram(status.stage(stage), Labels.of("stage", stage.label())));
        }
        out.metricSnapshot(fanout.build());
        final HistogramSnapshot.Builder propagation = HistogramSnapshot.builder()
            .name("dashcast_block_propagation_seconds")
            .help("Submit until this share of the peers connected at submit had the block " +
                "(its ack or its own headers/inv announcement, whichever first)");
        for (final PropagationLevel level : PropagationLevel.values())
        {
            propagation.dataPoint(histogram(status.propagation(level), Labels.of("share", level.label())));
        }
        out.metricSnapshot(propagation.build());
    }

    private void perPeer(final MetricSnapshots.Builder out)
    {
        final long nowMs = clock.time();
        final GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("dashcast_peer_up")
            .help("1 when the peer is READY (handshaken)");
        final GaugeSnapshot.Builder down = GaugeSnapshot.builder().name("dashcast_peer_down_seconds")
            .help("How long the peer has not been READY (0 when ready)");
        final GaugeSnapshot.Builder rtt = GaugeSnapshot.builder().name("dashcast_peer_rtt_seconds")
            .help("Last ping round trip");
        final CounterSnapshot.Builder blocks = CounterSnapshot.builder().name("dashcast_peer_blocks")
            .help("Per peer blocks: sent (handed off), acked, announced (the peer announced it back), held_back " +
                "(header only), cut (failed or timed out)");
        final CounterSnapshot.Builder bytes = CounterSnapshot.builder().name("dashcast_peer_bytes").unit(Unit.BYTES)
            .help("Block bytes handed off to the peer in full-block frames");
        final CounterSnapshot.Builder wire = CounterSnapshot.builder().name("dashcast_peer_wire").unit(Unit.BYTES)
            .help("Bytes on the peer's socket, every frame: direction sent or received");
        final CounterSnapshot.Builder connects = CounterSnapshot.builder().name("dashcast_peer_connects")
            .help("Connections that reached READY");
        final CounterSnapshot.Builder failures = CounterSnapshot.builder().name("dashcast_peer_failures")
            .help("Connection failures");
        final HistogramSnapshot.Builder ack = HistogramSnapshot.builder().name("dashcast_peer_ack_seconds")
            .help("Submit to the peer's proof of processing, per block");
        final HistogramSnapshot.Builder ping = HistogramSnapshot.builder().name("dashcast_peer_ping_seconds")
            .help("Ping round trips");
        for (int i = 0; i < status.peerCount(); i++)
        {
            final PeerStatus p = status.peer(i);
            final Labels labels = Labels.of("peer", p.name(), "priority", p.priority());
            final boolean ready = p.get(PeerCounterDescriptor.STATE) == PeerState.READY.ordinal();
            up.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(ready ? 1 : 0).build());
            final long downSince = p.get(PeerCounterDescriptor.DOWN_SINCE_MS);
            down.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                .value(ready || downSince == 0 ? 0 : Math.max(0, nowMs - downSince) / 1000.0).build());
            rtt.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                .value(p.get(PeerCounterDescriptor.LAST_RTT_NS) / 1e9).build());
            blocks.dataPoint(peerCounter(p, PeerCounterDescriptor.SENT, labels, "sent"));
            blocks.dataPoint(peerCounter(p, PeerCounterDescriptor.ACKED, labels, "acked"));
            blocks.dataPoint(peerCounter(p, PeerCounterDescriptor.ANNOUNCED, labels, "announced"));
            blocks.dataPoint(peerCounter(p, PeerCounterDescriptor.HELD_BACK, labels, "held_back"));
            blocks.dataPoint(peerCounter(p, PeerCounterDescriptor.CUT, labels, "cut"));
            bytes.dataPoint(peerCounter(p, PeerCounterDescriptor.BYTES, labels, null));
            wire.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels.add("direction", "sent"))
                .value(p.get(PeerCounterDescriptor.WIRE_SENT_BYTES)).build());
            wire.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels.add("direction", "received"))
                .value(p.get(PeerCounterDescriptor.WIRE_RECEIVED_BYTES)).build());
            connects.dataPoint(peerCounter(p, PeerCounterDescriptor.CONNECTS, labels, null));
            failures.dataPoint(peerCounter(p, PeerCounterDescriptor.FAILURES, labels, null));
            ack.dataPoint(histogram(p.ack(), labels));
            ping.dataPoint(histogram(p.rtt(), labels));
        }
        out.metricSnapshot(up.build()).metricSnapshot(down.build()).metricSnapshot(rtt.build())
            .metricSnapshot(blocks.build()).metricSnapshot(bytes.build()).metricSnapshot(wire.build()).metricSnapshot(connects.build())
            .metricSnapshot(failures.build()).metricSnapshot(ack.build()).metricSnapshot(ping.build());
    }

    private CounterSnapshot.CounterDataPointSnapshot counter(final SystemCounterDescriptor d, final String... labels)
    {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of(labels)).value(status.get(d)).build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot peerCounter(
        final PeerStatus p, final PeerCounterDescriptor d, final Labels labels, final String result)
    {
        return CounterSnapshot.CounterDataPointSnapshot.builder()
            .labels(result == null ? labels : labels.add("result", result)).value(p.get(d)).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(final double value)
    {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build();
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot histogram(
        final LatencyRecorder recorder, final Labels labels)
    {
        return recorder.read(h -> HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .labels(labels)
            .classicHistogramBuckets(ClassicHistogramBuckets.of(BUCKETS_SECONDS, bucketCounts(h)))
            .sum(h.getTotalCount() == 0 ? 0 : h.getMean() * h.getTotalCount() / 1e9)
            .build());
    }

    /**
     * @param h nanosecond histogram.
     * @return per bucket (not cumulative) counts for {@link #BUCKETS_SECONDS}.
     */
    static long[] bucketCounts(final Histogram h)
    {
        final long[] counts = new long[BUCKETS_SECONDS.length];
        for (final HistogramIterationValue v : h.recordedValues())
        {
            final double seconds = h.highestEquivalentValue(v.getValueIteratedTo()) / 1e9;
            int b = 0;
            while (seconds > BUCKETS_SECONDS[b] && b < BUCKETS_SECONDS.length - 1)
            {
                b++;
            }
            counts[b] += v.getCountAtValueIteratedTo();
        }
        return counts;
    }
}
