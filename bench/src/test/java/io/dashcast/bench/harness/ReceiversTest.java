package io.dashcast.bench.harness;

import io.dashcast.engine.BroadcastRecord;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.IdleMode;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.PeerPriority;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiver sessions over real loopback sockets: fan-in with raw frames and with dashcast's
 * handshake and pings, and the hop-by-hop relay.
 */
@Timeout(30)
class ReceiversTest
{
    private final BlockingQueue<long[]> deliveries = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final DeliveryListener listener = new DeliveryListener()
    {
        @Override
        public void onDelivered(final long sample, final long firstPeerNs, final long lastPeerNs,
            final long firstHandoffNs, final long lastHandoffNs)
        {
            deliveries.add(new long[] {sample, firstPeerNs, lastPeerNs, firstHandoffNs, lastHandoffNs});
        }

        @Override
        public void onError(final String message)
        {
            errors.add(message);
        }
    };

    @AfterEach
    void closeAll()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
    }

    private <T extends AutoCloseable> T closing(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    private SocketChannel connect(final int port) throws IOException
    {
        return closing(SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }

    private static void write(final SocketChannel channel, final Workload workload) throws IOException
    {
        final ByteBuffer view = workload.frame.duplicate();
        while (view.hasRemaining())
        {
            channel.write(view);
        }
    }

    private long[] nextDelivery() throws InterruptedException
    {
        final long[] d = deliveries.poll(10, TimeUnit.SECONDS);
        assertNotNull(d, "no delivery; receiver errors: " + errors);
        return d;
    }

    @Test
    void shouldReportADeliveryOnlyWhenEveryPeerHasTheBlock() throws Exception
    {
        final FanInReceiver receiver = closing(new FanInReceiver(3, Workload.NETWORK, listener));
        final int[] ports = receiver.ports();
        final Workload workload = Workload.of(3, 200_000);
        final SocketChannel[] channels = {connect(ports[0]), connect(ports[1]), connect(ports[2])};
        for (long sample = 0; sample < 2; sample++)
        {
            final long t0 = System.nanoTime();
            write(channels[2], workload);
            write(channels[1], workload);
            assertNull(deliveries.poll(100, TimeUnit.MILLISECONDS), "peer 0 has not got it yet");
            write(channels[0], workload);
            final long[] d = nextDelivery();
            assertEquals(sample, d[0]);
            assertTrue(d[1] > t0 && d[2] >= d[1], "peer 0 read last here, so it is the last time too");
            assertEquals(0, d[3]);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldHandshakeAndAnswerPingsSoDashcastGetsAcks() throws Exception
    {
        final FanInReceiver receiver = closing(new FanInReceiver(2, Workload.NETWORK, listener));
        final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(Workload.NETWORK)
            .idleMode(IdleMode.BACKOFF)
            .receiptListener((final BroadcastRecord r) -> outcomes.add(r.outcome(0) + "," + r.outcome(1)));
        for (final int port : receiver.ports())
        {
            ctx.addPeer(PeerEndpoint.of("127.0.0.1", port, PeerPriority.CRITICAL));
        }
        final Broadcaster broadcaster = closing(Broadcaster.launch(ctx));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (broadcaster.readyPeerCount() < 2 && System.nanoTime() < deadline)
        {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertEquals(2, broadcaster.readyPeerCount(), "handshake with the receiver");
        final Workload workload = Workload.of(2, 5000);
        for (long sample = 0; sample < 3; sample++)
        {
            assertTrue(broadcaster.submit(workload.block, 0, workload.blockBytes) >= 0);
            assertEquals(sample, nextDelivery()[0]);
            assertEquals(PeerOutcome.ACKED + "," + PeerOutcome.ACKED, outcomes.poll(10, TimeUnit.SECONDS),
                "pong after the block's ping");
            // The next block extends this one: an acknowledged block is the peer's tip to the engine.
            io.dashcast.bench.engine.SyntheticBlocks.extend(workload.block, new io.dashcast.protocol.X11(), new byte[32]);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldRelayHopByHopThroughEveryPeer() throws Exception
    {
        final Workload workload = Workload.of(3, 100_000);
        final long hopDelayNs = TimeUnit.MILLISECONDS.toNanos(2);
        final RelayChain relay = closing(new RelayChain(3, hopDelayNs, workload.frameLength, listener));
        final SocketChannel channel = connect(relay.ports()[0]);
        for (long sample = 0; sample < 2; sample++)
        {
            final long t0 = System.nanoTime();
            write(channel, workload);
            final long[] d = nextDelivery();
            assertEquals(sample, d[0]);
            assertTrue(d[3] > t0, "local node handed off to peer 0 after the submit");
            // Not "read after the local node's hand-off stamp": on loopback the reader can finish before the
            // writer's write() returns and it reads its clock.
            assertTrue(d[1] > t0, "peer 0 read after the submit");
            assertTrue(d[4] >= d[3] + hopDelayNs, "one more hop (and its delay) to the last peer's hand-off");
            assertTrue(d[2] - d[1] >= 2 * hopDelayNs, "two hops from peer 0 to peer 2");
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
