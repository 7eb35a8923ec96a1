package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.sim.KnownAddress;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With an address listener the engine offers {@code sendaddrv2} before its verack, asks
 * {@code getaddr} once READY and hands on what the peer answers, spelled for a proxy; without one it
 * asks nothing. The handshake stays acceptable to the node either way (no disconnect, blocks flow).
 */
class PeerAddressesTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Tor's own example key from rend-spec-v3 is not needed: any 32 bytes make a well-formed name. */
    private static final byte[] ONION_KEY = HexFormat.of().parseHex(
        "1f2e3d4c5b6a798897a6b5c4d3e2f1000112233445566778899aabbccddeeff0");

    @Test
    @Timeout(60)
    void shouldAskForAddressesAndHandOnWhatAnAddrV2PeerSends() throws Exception
    {
        final InetSocketAddress other = new InetSocketAddress(InetAddress.getLoopbackAddress(), 19999);
        final List<AnnouncedAddress> heard = new CopyOnWriteArrayList<>();
        try (SimulatedDashNode sim = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)
                .knownAddresses(List.of(KnownAddress.of(other), KnownAddress.torV3(ONION_KEY, 9999))));
            Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext()
                .network(Network.REGTEST)
                .addressListener((from, addresses) -> heard.addAll(addresses))
                .addPeer(PeerEndpoint.of("127.0.0.1", sim.port(), PeerPriority.HIGH))))
        {
            assertTrue(Await.until(() -> heard.size() == 2, WAIT), heard::toString);
            assertEquals("127.0.0.1", heard.get(0).host());
            assertEquals(19999, heard.get(0).port());
            final String onion = heard.get(1).host();
            assertTrue(onion.endsWith(".onion") && onion.length() == 56 + 6, onion);
            assertEquals(AddressDecoder.onion(ONION_KEY), onion);
            // The node took sendaddrv2 where BIP155 puts it (it would have dropped us otherwise).
            assertEquals(1, sim.openConnectionCount());
            final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
            assertEquals(1, broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS).ackCount());
        }
    }

    @Test
    @Timeout(60)
    void shouldAskNothingWithoutAListener() throws Exception
    {
        try (SimulatedDashNode sim = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)
                .knownAddresses(List.of(KnownAddress.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 19999)))));
            Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext()
                .network(Network.REGTEST)
                .addPeer(PeerEndpoint.of("127.0.0.1", sim.port(), PeerPriority.HIGH))))
        {
            assertTrue(Await.until(() -> broadcaster.readyPeerCount() == 1, WAIT));
            final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
            assertEquals(1, broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS).ackCount());
            assertEquals(0L, broadcaster.stats().peers().get(0).messagesReceived().getOrDefault("addr", 0L)
                + broadcaster.stats().peers().get(0).messagesReceived().getOrDefault("addrv2", 0L));
        }
    }

    @Test
    void shouldSpellTorV3NamesAsTorDoes()
    {
        // A published v3 address: its key, re-encoded with our SHA3-256 checksum, must give it back.
        final String published = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";
        final byte[] name = base32Decode(published.substring(0, 56));
        final byte[] key = java.util.Arrays.copyOf(name, 32);
        assertEquals(published, AddressDecoder.onion(key));
        assertEquals("mzxw6ytboi", AddressDecoder.base32("foobar".getBytes()).substring(0, 10));
    }

    private static byte[] base32Decode(final String text)
    {
        final String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        final byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (final char c : text.toCharArray())
        {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                out[n++] = (byte)(buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
