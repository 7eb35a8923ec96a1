package io.dashcast.tools.peers;

import io.dashcast.engine.peers.PeerSource;
import io.dashcast.protocol.Network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Candidates from the network's DNS seeds ({@link Network#dnsSeeds()}): every address a seed name
 * resolves to, on the network's default port. Call it from the resolver thread, never from a loop:
 * a lookup may take seconds.
 */
public final class DnsSeeds
{
    /** Resolves a name to addresses (the system resolver, or a fixed answer in tests). */
    @FunctionalInterface
    public interface Lookup
    {
        /**
         * @param name a DNS name.
         * @return its addresses.
         * @throws UnknownHostException when it has none.
         */
        InetAddress[] lookup(String name) throws UnknownHostException;
    }

    /** The system resolver. */
    public static final Lookup SYSTEM = InetAddress::getAllByName;

    private DnsSeeds()
    {
    }

    /**
     * @param network the network.
     * @param lookup  the resolver.
     * @return every address found; a seed that does not resolve is skipped.
     */
    public static List<DashdDiscovery.Found> resolve(final Network network, final Lookup lookup)
    {
        final List<DashdDiscovery.Found> found = new ArrayList<>();
        for (final String seed : network.dnsSeeds())
        {
            try
            {
                for (final InetAddress address : lookup.lookup(seed))
                {
                    found.add(new DashdDiscovery.Found(address.getHostAddress(), network.defaultPort(),
                        PeerSource.DNS_SEED, false, false));
                }
            }
            catch (final UnknownHostException unresolved)
            {
                // A seed that is down or unreachable: the other sources carry on.
            }
        }
        return found;
    }
}
