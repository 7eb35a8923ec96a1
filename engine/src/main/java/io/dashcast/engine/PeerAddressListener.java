package io.dashcast.engine;

import java.util.List;

/**
 * Told of the addresses connected peers send us ({@code addr}, {@code addrv2}) after our
 * {@code getaddr}: candidates for the peer set. Set one with
 * {@link BroadcasterContext#addressListener}; without one the engine neither asks for addresses
 * nor offers {@code sendaddrv2}. Called on a broadcast loop's thread, at most once per message
 * (at most 1,000 addresses): hand the list on, never block.
 */
@FunctionalInterface
public interface PeerAddressListener
{
    /**
     * @param from      the peer that sent them.
     * @param addresses what it sent, in order; unsupported networks (Tor v2) left out.
     */
    void onAddresses(PeerEndpoint from, List<AnnouncedAddress> addresses);
}
