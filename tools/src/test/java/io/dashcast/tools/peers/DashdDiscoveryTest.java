package io.dashcast.tools.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcast.engine.peers.PeerSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DashdDiscoveryTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void outboundPeersOnlyFromPeerInfo() throws Exception
    {
        final List<DashdDiscovery.Found> found = DashdDiscovery.fromPeerInfo(JSON.readTree(
            "[{\"addr\":\"127.0.0.1:40123\",\"inbound\":true},{\"addr\":\"127.0.0.1:19999\",\"inbound\":false}," +
            "{\"addr\":\"[2001:db8::1]:9999\",\"inbound\":false},{\"addr\":\"garbage\",\"inbound\":false}]"));
        assertEquals(List.of(
            new DashdDiscovery.Found("127.0.0.1", 19999, PeerSource.DASHD_PEERS, false, false),
            new DashdDiscovery.Found("2001:db8::1", 9999, PeerSource.DASHD_PEERS, false, false)), found);
    }

    @Test
    void nodeAddresses() throws Exception
    {
        final List<DashdDiscovery.Found> found = DashdDiscovery.fromNodeAddresses(JSON.readTree(
            "[{\"time\":1700000000,\"services\":3077,\"address\":\"198.51.100.7\",\"port\":9999,\"network\":\"ipv4\"}," +
            "{\"address\":\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd.onion\",\"port\":9999,\"network\":\"onion\"}," +
            "{\"address\":\"198.51.100.8\",\"port\":0}]"));
        assertEquals(2, found.size());
        assertEquals("198.51.100.7", found.get(0).host());
    }

    @Test
    void masternodesWithTheChainLockQuorumMarked() throws Exception
    {
        final List<DashdDiscovery.Found> found = DashdDiscovery.fromMasternodes(JSON.readTree(
            "[{\"proTxHash\":\"aa\",\"state\":{\"service\":\"198.51.100.1:9999\"}}," +
            "{\"proTxHash\":\"bb\",\"state\":{\"service\":\"198.51.100.2:9999\"}}," +
            "{\"proTxHash\":\"cc\",\"state\":{\"service\":\"[::]:0\"}}]"),
            JSON.readTree("{\"members\":[{\"proTxHash\":\"bb\",\"service\":\"198.51.100.2:9999\",\"valid\":true}]}"));
        assertEquals(List.of(
            new DashdDiscovery.Found("198.51.100.1", 9999, PeerSource.MASTERNODE, true, false),
            new DashdDiscovery.Found("198.51.100.2", 9999, PeerSource.MASTERNODE, true, true)), found);
    }
}
