package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.protocol.message.AddrV2Flyweight;
import io.dashcast.sim.SimConnection;
import io.dashcast.sim.SimulatedDashNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Addresses from peers: we send {@code sendaddrv2} (before our verack, BIP155) and {@code getaddr}
 * on every handshake, and the answers ({@code addrv2}, or {@code addr} from a node too old for
 * v2) reach {@link Broadcaster#pollAddresses} as host names, through a bounded hand-over buffer.
 */
class AddressRelayTest
{
    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private Broadcaster broadcaster;

    @AfterEach
    void tearDown()
    {
        if (broadcaster != null)
        {
            broadcaster.close();
        }
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(60)
    void shouldAskForAddressesAndLearnThemFromAddrV2AndFromAddr() throws Exception
    {
        final List<InetSocketAddress> knownToV2 = List.of(
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 19999),
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 19998));
        final List<InetSocketAddress> knownToV1 = List.of(
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 19997));
        final SimulatedDashNode v2 = start(new SimulatedDashNode.Context().addresses(knownToV2));
        final SimulatedDashNode v1 = start(new SimulatedDashNode.Context().addresses(knownToV1)
            .protocolVersion(Network.ADDRV2_VERSION - 1));
        broadcaster = Broadcaster.launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .loopCount(1)
            .threadingMode(ThreadingMode.INVOKER)
            .addPeer(PeerEndpoint.of("127.0.0.1", v2.port(), PeerPriority.NORMAL))
            .addPeer(PeerEndpoint.of("127.0.0.1", v1.port(), PeerPriority.NORMAL)));

        final List<String> learned = new ArrayList<>();
        invokeUntil(() ->
        {
            broadcaster.pollAddresses((host, port, services, time) -> learned.add(host + ":" + port), 100);
            return learned.size() == 3;
        });
        assertTrue(learned.containsAll(List.of("127.0.0.1:19999", "127.0.0.1:19998", "127.0.0.1:19997")), learned::toString);

        final SimConnection toV2 = v2.connections().get(0);
        assertTrue(toV2.wantsAddrV2(), "sendaddrv2 sent before our verack");
        assertEquals(1, v2.openConnectionCount(), "and not disconnected for it");
        assertTrue(!v1.connections().get(0).wantsAddrV2(), "no sendaddrv2 to a node below 70223");
        assertEquals(2, broadcaster.readyPeerCount());
        assertEquals(0, broadcaster.droppedAddresses());
    }

    @Test
    void shouldDropAddressesWhenTheHandOverBufferIsFullAndDecodeEveryNetwork()
    {
        final LearnedAddresses addresses = new LearnedAddresses();
        final UnsafeBuffer ip = new UnsafeBuffer(new byte[32]);
        ip.putByte(0, (byte)127);
        ip.putByte(3, (byte)1);
        int offered = 0;
        while (addresses.dropped() == 0)
        {
            addresses.offer(AddrV2Flyweight.NET_IPV4, ip, 0, 4, 9999, 1, 0);
            offered++;
        }
        assertTrue(offered > 1000 && offered * 32 < 2 * LearnedAddresses.CAPACITY_BYTES, "bounded: " + offered);
        final List<String> hosts = new ArrayList<>();
        final int read = addresses.poll((host, port, services, time) -> hosts.add(host), Integer.MAX_VALUE);
        assertEquals(offered - 1, read);
        assertEquals("127.0.0.1", hosts.get(0));

        // Not dialable, wrong length or no port: skipped.
        addresses.offer(6, ip, 0, 16, 9999, 1, 0);
        addresses.offer(AddrV2Flyweight.NET_IPV4, ip, 0, 16, 9999, 1, 0);
        addresses.offer(AddrV2Flyweight.NET_IPV4, ip, 0, 4, 0, 1, 0);
        assertEquals(0, addresses.poll((host, port, services, time) -> hosts.add(host), 10));

        final byte[] i2p = new byte[32];
        assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.b32.i2p", LearnedAddresses.host(AddrV2Flyweight.NET_I2P, i2p));
        final String onion = LearnedAddresses.host(AddrV2Flyweight.NET_TORV3, i2p);
        assertEquals(56 + ".onion".length(), onion.length(), onion);
        assertTrue(onion.endsWith("d.onion"), "version 3 in the last character: " + onion);
        final byte[] mapped = new byte[16];
        mapped[10] = (byte)0xff;
        mapped[11] = (byte)0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertEquals("127.0.0.1", LearnedAddresses.host(AddrV2Flyweight.NET_IPV6, mapped));
    }

    private SimulatedDashNode start(final SimulatedDashNode.Context context)
    {
        final SimulatedDashNode node = SimulatedDashNode.start(context.network(Network.REGTEST));
        nodes.add(node);
        return node;
    }

    private void invokeUntil(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            if (broadcaster.invoker().invoke() == 0)
            {
                Thread.yield();
            }
        }
    }
}
