package io.dashcast.tools.peers;

import io.dashcast.engine.AnnouncedAddress;
import io.dashcast.engine.BroadcasterStats;
import io.dashcast.engine.LatencySummary;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Addresses the peers send ({@code addr}/{@code addrv2}) become stored candidates at the next
 * health check, from any thread, bounded.
 */
class PeerManagerAddressesTest
{
    private static final BroadcasterStats NO_PEERS =
        new BroadcasterStats(0, 0, 0, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, List.of());

    @Test
    void shouldStoreAnnouncedAddressesAtTheNextHealthCheck() throws Exception
    {
        final PeerManager manager = new PeerManager(null, 8, 30_000, new PrintStream(new ByteArrayOutputStream()), 1);
        final PeerEndpoint from = PeerEndpoint.of("127.0.0.1", 19999, PeerPriority.HIGH);
        final String onion = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";
        final Thread loop = new Thread(() -> manager.onAddresses(from, List.of(
            new AnnouncedAddress("127.0.0.2", 9999, 1, 0, 1), new AnnouncedAddress(onion, 9999, 1, 0, 4))));
        loop.start();
        loop.join();
        assertNull(manager.store().get("127.0.0.2", 9999), "not before the health check");

        manager.learn(NO_PEERS, 1_000);
        final PeerCandidate v4 = manager.store().get("127.0.0.2", 9999);
        assertNotNull(v4);
        assertEquals(PeerSource.ADDR, v4.source());
        assertNotNull(manager.store().get(onion, 9999));
    }

    @Test
    void shouldStayBoundedWhateverPeersSend()
    {
        final PeerManager manager = new PeerManager(null, 8, 30_000, new PrintStream(new ByteArrayOutputStream()), 1);
        final List<AnnouncedAddress> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++)
        {
            many.add(new AnnouncedAddress("127.1." + (i / 250) + "." + (i % 250 + 1), 9999, 1, 0, 1));
        }
        manager.onAddresses(PeerEndpoint.of("127.0.0.1", 19999, PeerPriority.HIGH), many);
        manager.learn(NO_PEERS, 1_000);
        assertEquals(4_096, manager.store().size(), "queue and new table both hold 4,096: the excess is dropped, nothing grows");
    }
}
