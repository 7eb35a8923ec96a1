package io.dashcast.engine;

import io.dashcast.engine.status.EngineStatus;
import io.dashcast.engine.status.PeerCounterDescriptor;
import io.dashcast.engine.status.PeerStatus;
import io.dashcast.engine.status.SystemCounterDescriptor;
import io.dashcast.protocol.Command;
import org.agrona.concurrent.EpochClock;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One peer's figures, backed by its Agrona counters and HdrHistogram recorders in
 * {@link EngineStatus} ({@link PeerStatus}): written by its broadcast loop without locks or
 * allocation (single writer, release stores; the broadcaster-wide totals by atomic add), read by
 * {@link #snapshot()} from any thread and by other processes through the counters file. The
 * volatile fields the connection sets directly (state, round trip, failures in a row) are copied
 * into their gauge counters on each event here and by {@link #updateGauges()} when sampled.
 */
final class PeerMetrics
{
    volatile PeerEndpoint endpoint;
    private final EngineStatus status;
    private final PeerStatus counters;
    private final EpochClock clock;
    private final AtomicLongArray failures = new AtomicLongArray(FailureReason.values().length);
    private final AtomicLongArray messages = new AtomicLongArray(Command.values().length);

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

    PeerMetrics(final PeerEndpoint endpoint, final BroadcasterContext ctx, final int index)
    {
        this.endpoint = endpoint;
        this.status = ctx.status();
        this.counters = status.peer(index);
        this.clock = ctx.epochClock();
        counters.set(PeerCounterDescriptor.DOWN_SINCE_MS, clock.time());
    }

    void onSent(final long handoffNs)
    {
        counters.increment(PeerCounterDescriptor.SENT);
        status.increment(SystemCounterDescriptor.HANDOFFS);
        counters.handoff().record(handoffNs);
    }

    void onAcked(final long ackNs)
    {
        counters.increment(PeerCounterDescriptor.ACKED);
        status.increment(SystemCounterDescriptor.ACKS);
        counters.ack().record(ackNs);
    }

    void onAnnounced()
    {
        counters.increment(PeerCounterDescriptor.ANNOUNCED);
    }

    void onBlockFailed()
    {
        counters.increment(PeerCounterDescriptor.CUT);
        status.increment(SystemCounterDescriptor.PEER_BLOCK_FAILURES);
    }

    void onHeldBack()
    {
        counters.increment(PeerCounterDescriptor.HELD_BACK);
        status.increment(SystemCounterDescriptor.HELD_BACK);
    }

    void onConnected(final long nowMs)
    {
        counters.increment(PeerCounterDescriptor.CONNECTS);
        connectedSinceMs = nowMs;
        counters.set(PeerCounterDescriptor.READY_SINCE_MS, nowMs);
        counters.set(PeerCounterDescriptor.DOWN_SINCE_MS, 0);
        updateGauges();
    }

    void onFailure(final FailureReason reason)
    {
        failures.lazySet(reason.ordinal(), failures.get(reason.ordinal()) + 1);
        connectedSinceMs = 0;
        counters.increment(PeerCounterDescriptor.FAILURES);
        status.increment(SystemCounterDescriptor.PEER_FAILURES);
        counters.set(PeerCounterDescriptor.READY_SINCE_MS, 0);
        if (counters.get(PeerCounterDescriptor.DOWN_SINCE_MS) == 0)
        {
            counters.set(PeerCounterDescriptor.DOWN_SINCE_MS, clock.time());
        }
        updateGauges();
    }

    void onMessage(final Command command)
    {
        messages.lazySet(command.ordinal(), messages.get(command.ordinal()) + 1);
        counters.set(PeerCounterDescriptor.STATE, state.ordinal());
    }

    /**
     * @param sent     bytes just written to the socket.
     * @param received bytes just read from it.
     */
    void onWire(final long sent, final long received)
    {
        if (sent > 0)
        {
            counters.add(PeerCounterDescriptor.WIRE_SENT_BYTES, sent);
        }
        if (received > 0)
        {
            counters.add(PeerCounterDescriptor.WIRE_RECEIVED_BYTES, received);
        }
    }

    void onRtt(final long rttNs)
    {
        lastRttNs = rttNs;
        counters.rtt().record(rttNs);
        counters.set(PeerCounterDescriptor.LAST_RTT_NS, rttNs);
    }

    /**
     * Copy the fields the connection sets directly into their gauges (any thread; both writers store
     * the same current value).
     */
    void updateGauges()
    {
        counters.set(PeerCounterDescriptor.STATE, state.ordinal());
        counters.set(PeerCounterDescriptor.CONSECUTIVE_FAILURES, consecutiveFailures);
        counters.set(PeerCounterDescriptor.LAST_RTT_NS, lastRttNs);
    }

    long failures(final FailureReason reason)
    {
        return failures.get(reason.ordinal());
    }

    PeerStats snapshot()
    {
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
            counters.get(PeerCounterDescriptor.SENT), counters.get(PeerCounterDescriptor.ACKED),
            counters.get(PeerCounterDescriptor.CUT), counters.get(PeerCounterDescriptor.HELD_BACK),
            counters.get(PeerCounterDescriptor.CONNECTS), consecutiveFailures, lastRttNs / 1000.0,
            counters.handoff().read(LatencySummary::of), counters.ack().read(LatencySummary::of),
            counters.rtt().read(LatencySummary::of),
            Map.copyOf(byReason), java.util.Collections.unmodifiableMap(byCommand), compactVersion, compactHighBandwidth);
    }
}
