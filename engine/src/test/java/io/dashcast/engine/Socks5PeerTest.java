package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import io.dashcast.sim.socks.Socks5Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers reached through a SOCKS5 proxy (Tor): the proxy gets the peer's name unresolved (a
 * {@code .onion} name works), the Dash handshake and the block go through it, and a refusing or
 * authenticating proxy is a counted, named failure, not a hang.
 */
class Socks5PeerTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ONION = "dashcastexampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxxxx.onion";

    @Test
    @Timeout(60)
    void shouldDeliverABlockToAnOnionPeerThroughTheProxy() throws Exception
    {
        try (SimulatedDashNode direct = SimulatedDashNode.start();
            SimulatedDashNode hidden = SimulatedDashNode.start();
            Socks5Proxy proxy = Socks5Proxy.start().route(ONION, 9999, hidden.port());
            Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext()
                .network(Network.REGTEST)
                .addPeer(PeerEndpoint.of("127.0.0.1", direct.port(), PeerPriority.HIGH))
                .addPeer(PeerEndpoint.of(ONION, 9999, PeerPriority.HIGH).viaProxy(proxy.address()))))
        {
            assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 2, WAIT), () -> broadcaster.stats().toString());
            final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).dummyTransactions(3).build();
            final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
            assertEquals(2, receipt.ackCount(), receipt::toString);
            assertNotNull(hidden.awaitBlock(TestBlocks.hash(block), WAIT));
            assertNotNull(direct.awaitBlock(TestBlocks.hash(block), WAIT));
            // Only the proxied peer went through the proxy, by name: nothing was resolved here.
            assertEquals(List.of(ONION + ":9999"), proxy.requests());
        }
    }

    @Test
    @Timeout(60)
    void shouldSendEveryPeerThroughTheContextsProxy() throws Exception
    {
        final List<SimulatedDashNode> sims = new ArrayList<>();
        try (Socks5Proxy proxy = Socks5Proxy.start())
        {
            final BroadcasterContext ctx = new BroadcasterContext().network(Network.REGTEST).socksProxy(proxy.address());
            for (int i = 0; i < 3; i++)
            {
                final SimulatedDashNode sim = SimulatedDashNode.start();
                sims.add(sim);
                proxy.route("peer" + i + ".example", 9999, sim.port());
                ctx.addPeer(PeerEndpoint.of("peer" + i + ".example", 9999, PeerPriority.NORMAL));
            }
            try (Broadcaster broadcaster = Broadcaster.launch(ctx))
            {
                assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 3, WAIT), () -> broadcaster.stats().toString());
                final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
                assertEquals(3, broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS).ackCount());
                assertEquals(3, proxy.requests().size());
            }
        }
        finally
        {
            sims.forEach(SimulatedDashNode::close);
        }
    }

    @Test
    @Timeout(60)
    void shouldCountARefusingProxyAsAProxyFailureAndTryAgain() throws Exception
    {
        try (SimulatedDashNode hidden = SimulatedDashNode.start();
            Socks5Proxy proxy = Socks5Proxy.start().route(ONION, 9999, hidden.port()).refuseWith(5);
            Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext()
                .network(Network.REGTEST)
                .reconnectDelayNs(TimeUnit.MILLISECONDS.toNanos(100))
                .addPeer(PeerEndpoint.of(ONION, 9999, PeerPriority.HIGH).viaProxy(proxy.address()))))
        {
            assertTrue(Await.until(() -> proxyFailures(broadcaster) >= 2, WAIT), () -> broadcaster.stats().toString());
            assertEquals(0, broadcaster.readyPeerCount());
            final List<String> errors = new ArrayList<>();
            broadcaster.readErrors((count, first, last, text) -> errors.add(text));
            assertTrue(errors.stream().anyMatch(e -> e.contains("connection refused by the peer (5)")), errors::toString);
            // The proxy relents: the next attempt connects.
            proxy.refuseWith(0);
            assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 1, WAIT), () -> broadcaster.stats().toString());
        }
    }

    @Test
    @Timeout(60)
    void shouldNameAProxyThatWantsAuthentication() throws Exception
    {
        try (Socks5Proxy proxy = Socks5Proxy.start().demandAuthentication(true);
            Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext()
                .network(Network.REGTEST)
                .socksProxy(proxy.address())
                .addPeer(PeerEndpoint.of(ONION, 9999, PeerPriority.HIGH))))
        {
            assertTrue(Await.until(() -> proxyFailures(broadcaster) >= 1, WAIT), () -> broadcaster.stats().toString());
            final List<String> errors = new ArrayList<>();
            broadcaster.readErrors((count, first, last, text) -> errors.add(text));
            assertTrue(errors.stream().anyMatch(e -> e.contains("wants authentication")), errors::toString);
        }
    }

    @Test
    void shouldRefuseAnOnionPeerWithoutAProxy()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new BroadcasterContext()
            .network(Network.REGTEST)
            .addPeer(PeerEndpoint.of(ONION, 9999, PeerPriority.HIGH))
            .conclude());
        assertTrue(ex.getMessage().contains("Tor onion service: set socksProxy"), ex.getMessage());
    }

    private static long proxyFailures(final Broadcaster broadcaster)
    {
        return broadcaster.stats().peers().get(0).failures().getOrDefault(FailureReason.PROXY_FAILED, 0L);
    }
}
