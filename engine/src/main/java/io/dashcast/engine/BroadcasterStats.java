package io.dashcast.engine;

import java.util.List;

/**
 * A point-in-time view of the whole broadcaster: totals, the broadcast latency distribution
 * (submit to the last ready peer's hand-off) and one {@link PeerStats} per configured peer.
 *
 * @param blocksSubmitted   blocks accepted into the ring.
 * @param blocksRejected    submissions refused (ring full, invalid, too large, closed).
 * @param blocksCompleted   broadcasts whose receipt is complete.
 * @param blocksUnsent      completed broadcasts that reached no peer at all.
 * @param readyPeers        peers READY now.
 * @param broadcastLatency  submit to last hand-off, per block.
 * @param firstPeerLatency  submit to first hand-off, per block.
 * @param peers             per peer, configuration order.
 */
public record BroadcasterStats(
    long blocksSubmitted, long blocksRejected, long blocksCompleted, long blocksUnsent, int readyPeers,
    LatencySummary broadcastLatency, LatencySummary firstPeerLatency, List<PeerStats> peers)
{
}
