package io.dashcast.tools.peers;

import io.dashcast.engine.PeerChange;

/**
 * What the daemon's admin endpoint ({@code /api/peers} on the monitoring port, loopback callers
 * with the RPC endpoint's credentials) may do to the running peer set: {@code dashcast peers
 * add|remove|pin|unpin HOST:PORT} and the list.
 */
public interface PeerAdmin
{
    /**
     * @return one line per live peer: name, state, priority, pinned.
     */
    String list();

    /**
     * @param action add, remove, pin or unpin.
     * @param host   the peer's host.
     * @param port   the peer's port.
     * @return the broadcaster's answer.
     * @throws IllegalArgumentException for an unknown action.
     */
    PeerChange apply(String action, String host, int port);
}
