package io.dashcast.engine;

import java.util.Map;

/**
 * A point-in-time view of one peer's health and figures.
 *
 * @param name               peer name.
 * @param host               host.
 * @param port               port.
 * @param priority           priority.
 * @param state              connection state.
 * @param connectedSinceMs   epoch ms the current connection became READY, 0 if not ready.
 * @param remoteUserAgent    the peer's user agent from its version message.
 * @param remoteVersion      the peer's protocol version.
 * @param remoteStartHeight  the peer's start height.
 * @param remoteServices     the peer's service bits.
 * @param blocksSent         blocks handed off in full.
 * @param blocksAcked        blocks the peer proved it processed.
 * @param blocksFailed       blocks that failed at this peer.
 * @param blocksHeldBack     blocks announced by header only (parent unknown to the peer).
 * @param connects           connections that reached READY.
 * @param consecutiveFailures failures since the last READY (drives back-off and the breaker).
 * @param lastRttUs          last ping round trip.
 * @param handoff            submit to last byte taken by the kernel.
 * @param ack                submit to proof of processing.
 * @param rtt                ping round trips.
 * @param failures           failures by reason.
 * @param messagesReceived   messages received by command.
 * @param compactVersion     compact block version the peer announced with sendcmpct (1), or 0.
 * @param compactHighBandwidth true when it asked for high-bandwidth compact block relay.
 */
public record PeerStats(
    String name, String host, int port, PeerPriority priority, PeerState state, long connectedSinceMs,
    String remoteUserAgent, int remoteVersion, int remoteStartHeight, long remoteServices,
    long blocksSent, long blocksAcked, long blocksFailed, long blocksHeldBack, long connects,
    int consecutiveFailures, double lastRttUs, LatencySummary handoff, LatencySummary ack, LatencySummary rtt,
    Map<FailureReason, Long> failures, Map<String, Long> messagesReceived, long compactVersion,
    boolean compactHighBandwidth)
{
}
