package io.dashcast.engine;

import io.dashcast.protocol.Command;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One peer's counters and latency recorders. Written by its broadcast loop without locks
 * (single writer, ordered stores; HdrHistogram {@link Recorder}s are wait-free for writers);
 * read by {@link #snapshot()} from any thread.
 */
final class PeerMetrics
{
    private static final long HIGHEST_NS = 3_600_000_000_000L;
    private static final int SENT = 0;
    private static final int ACKED = 1;
    private static final int FAILED = 2;
    private static final int HELD_BACK = 3;
    private static final int CONNECTS = 4;

    final PeerEndpoint endpoint;
    private final AtomicLongArray counters = new AtomicLongArray(5);
    private final AtomicLongArray failures = new AtomicLongArray(FailureReason.values().length);
    private final AtomicLongArray messages = new AtomicLongArray(Command.values().length);
    private final Recorder handoffRecorder = new Recorder(HIGHEST_NS, 3);
    private final Recorder ackRecorder = new Recorder(HIGHEST_NS, 3);
    private final Recorder rttRecorder = new Recorder(HIGHEST_NS, 3);
    private final Histogram handoff = new Histogram(HIGHEST_NS, 3);
    private final Histogram ack = new Histogram(HIGHEST_NS, 3);
    private final Histogram rtt = new Histogram(HIGHEST_NS, 3);

    volatile PeerState state = PeerState.DISCONNECTED;
    volatile long connectedSinceMs;
    volatile String remoteUserAgent = "";
    volatile int remoteVersion;
    volatile int remoteStartHeight;
    volatile long remoteServices;
    volatile long lastRttNs;
    volatile long compactVersion;
    volatile boolean compactHighBandwidth;
    volatile int consecutiveFailures;

    PeerMetrics(final PeerEndpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    void onSent(final long handoffNs)
    {
        counters.lazySet(SENT, counters.get(SENT) + 1);
        handoffRecorder.recordValue(Math.min(Math.max(handoffNs, 0), HIGHEST_NS));
    }

    void onAcked(final long ackNs)
    {
        counters.lazySet(ACKED, counters.get(ACKED) + 1);
        ackRecorder.recordValue(Math.min(Math.max(ackNs, 0), HIGHEST_NS));
    }

    void onBlockFailed()
    {
        counters.lazySet(FAILED, counters.get(FAILED) + 1);
    }

    void onHeldBack()
    {
        counters.lazySet(HELD_BACK, counters.get(HELD_BACK) + 1);
    }

    void onConnected(final long nowMs)
    {
        counters.lazySet(CONNECTS, counters.get(CONNECTS) + 1);
        connectedSinceMs = nowMs;
    }

    void onFailure(final FailureReason reason)
    {
        failures.lazySet(reason.ordinal(), failures.get(reason.ordinal()) + 1);
        connectedSinceMs = 0;
    }

    void onMessage(final Command command)
    {
        messages.lazySet(command.ordinal(), messages.get(command.ordinal()) + 1);
    }

    void onRtt(final long rttNs)
    {
        lastRttNs = rttNs;
        rttRecorder.recordValue(Math.min(Math.max(rttNs, 0), HIGHEST_NS));
    }

    long failures(final FailureReason reason)
    {
        return failures.get(reason.ordinal());
    }

    synchronized PeerStats snapshot()
    {
        drain(handoffRecorder, handoff);
        drain(ackRecorder, ack);
        drain(rttRecorder, rtt);
        final Map<FailureReason, Long> byReason = new EnumMap<>(FailureReason.class);
        for (final FailureReason r : FailureReason.values())
        {
            final long n = failures.get(r.ordinal());
            if (n > 0)
            {
                byReason.put(r, n);
            }
        }
        final Map<String, Long> byCommand = new LinkedHashMap<>();
        for (final Command c : Command.values())
        {
            final long n = messages.get(c.ordinal());
            if (n > 0)
            {
                byCommand.put(c == Command.UNKNOWN ? "other" : c.wireName(), n);
            }
        }
        return new PeerStats(endpoint.name(), endpoint.host(), endpoint.port(), endpoint.priority(), state,
            connectedSinceMs, remoteUserAgent, remoteVersion, remoteStartHeight, remoteServices,
            counters.get(SENT), counters.get(ACKED), counters.get(FAILED), counters.get(HELD_BACK),
            counters.get(CONNECTS), consecutiveFailures, lastRttNs / 1000.0,
            LatencySummary.of(handoff), LatencySummary.of(ack), LatencySummary.of(rtt),
            Map.copyOf(byReason), java.util.Collections.unmodifiableMap(byCommand), compactVersion, compactHighBandwidth);
    }

    private void drain(final Recorder recorder, final Histogram into)
    {
        into.add(recorder.getIntervalHistogram());
    }
}
