/**
 * Peers that manage themselves: the candidates we know ({@link io.dashcast.engine.peers.PeerStore},
 * bounded new/tried tables like Dash Core's addrman), what we measured of each
 * ({@link io.dashcast.engine.peers.PeerCandidate}), how that becomes a score
 * ({@link io.dashcast.engine.peers.PeerScore}), and which {@code max_peers} we keep connected
 * ({@link io.dashcast.engine.peers.PeerSelector}: pinned first, then the best by score under the
 * diversity rules of {@link io.dashcast.engine.peers.NetGroup} and
 * {@link io.dashcast.engine.peers.RttCluster}, with a share of slots exploring).
 * <p>
 * Nothing here touches a socket or a loop: the daemon feeds measurements in and applies the
 * selection as add/remove commands to the broadcaster.
 */
package io.dashcast.engine.peers;
