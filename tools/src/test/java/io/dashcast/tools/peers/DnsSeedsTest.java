package io.dashcast.tools.peers;

import io.dashcast.protocol.Network;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsSeedsTest
{
    @Test
    void seedsResolveToNodesOnTheDefaultPort()
    {
        final List<DashdDiscovery.Found> found = DnsSeeds.resolve(Network.MAINNET, name ->
        {
            assertEquals("dnsseed.dash.org", name);
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
        assertEquals(1, found.size());
        assertEquals(9999, found.get(0).port());
        assertTrue(DnsSeeds.resolve(Network.REGTEST, name -> { throw new AssertionError("regtest has no seeds"); }).isEmpty());
        assertTrue(DnsSeeds.resolve(Network.TESTNET, name -> { throw new UnknownHostException(name); }).isEmpty());
    }
}
