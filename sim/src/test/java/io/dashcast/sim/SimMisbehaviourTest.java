package io.dashcast.sim;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class SimMisbehaviourTest
{
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void shouldCloseDuringHandshake() throws IOException
    {
        try (SimulatedDashNode node = node(new SimMisbehaviour().closeDuringHandshake(true)); TestPeer peer = new TestPeer(node))
        {
            peer.sendVersion();
            assertTrue(peer.awaitClosedByNode());
            assertReason(node, DisconnectReason.SCRIPTED_CLOSE_DURING_HANDSHAKE);
        }
    }

    @Test
    void shouldNeverSendVerackAndThenTimeOut() throws IOException
    {
        final SimulatedDashNode.Context context = new SimulatedDashNode.Context()
            .misbehaviour(new SimMisbehaviour().neverSendVerack(true)).handshakeTimeout(Duration.ofMillis(600));
        try (SimulatedDashNode node = SimulatedDashNode.start(context); TestPeer peer = new TestPeer(node))
        {
            peer.sendVersion();
            assertEquals(Command.VERSION, peer.read().command);
            assertEquals(Command.SENDADDRV2, peer.read().command);
            assertTrue(peer.silentFor(300), "no verack");
            assertTrue(peer.awaitClosedByNode());
            assertReason(node, DisconnectReason.HANDSHAKE_TIMEOUT);
        }
    }

    @Test
    void shouldSendGarbageOversizedLengthOrWrongMagic() throws IOException
    {
        assertClientSees(new SimMisbehaviour().garbageBytes(100), ProtocolError.WRONG_MAGIC);
        assertClientSees(new SimMisbehaviour().oversizedLength(true), ProtocolError.OVERSIZED_LENGTH);
        assertClientSees(new SimMisbehaviour().wrongMagic(true), ProtocolError.WRONG_MAGIC);
    }

    @Test
    void shouldDelayPongsAndEverythingQueuedBehindThem() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            node.misbehaviour().pongDelayMs(300); // switched at run time
            final long start = System.nanoTime();
            peer.ping(11);
            peer.getHeaders(List.of(node.tipHash()), null);
            final List<TestPeer.Frame> frames = peer.readUntil(Command.HEADERS);
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Command.PONG, frames.get(frames.size() - 2).command, "headers stay behind the delayed pong");
            assertEquals(11, TestPeer.nonceOf(frames.get(frames.size() - 2)));
            assertTrue(elapsedMs >= 290, "pong after " + elapsedMs + " ms");
        }
    }

    @Test
    void shouldStallAfterHandshakeSoTheClientsWritesBackUp() throws IOException
    {
        try (SimulatedDashNode node = node(new SimMisbehaviour().stallAfterHandshake(true)); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            assertEquals(SimulatedDashNode.Context.SMALL_RECEIVE_BUFFER_BYTES, node.context().receiveBufferBytes());
            final byte[] block = TestBlocks.on(node.chain().tipHeader(), 0).padToSize(2_000_000).build();
            peer.channel().configureBlocking(false);
            // The client's kernel send buffer autotunes up to tcp_wmem max (4 MiB here): offer up to 12 MB.
            final long offered = 6L * block.length;
            final ByteBuffer frame = ByteBuffer.wrap(block);
            long accepted = 0;
            long lastProgressNs = System.nanoTime();
            final long deadline = lastProgressNs + TimeUnit.SECONDS.toNanos(5);
            while (accepted < offered && System.nanoTime() - lastProgressNs < TimeUnit.MILLISECONDS.toNanos(300) &&
                System.nanoTime() < deadline)
            {
                if (!frame.hasRemaining())
                {
                    frame.rewind();
                }
                final int n = peer.channel().write(frame);
                if (n > 0)
                {
                    accepted += n;
                    lastProgressNs = System.nanoTime();
                }
                else
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            System.out.println("stalled node: the client's kernel took " + accepted + " of " + offered + " bytes");
            assertTrue(accepted < offered, "writes backed up after " + accepted + " bytes");
            assertTrue(node.blockArrivals().isEmpty());
            assertTrue(node.connections().get(0).isOpen());
        }
    }

    @Test
    void shouldStallFromTheVerackOnEvenForFramesThatCameInTheSameRead() throws IOException
    {
        try (SimulatedDashNode node = node(new SimMisbehaviour().stallAfterHandshake(true)); TestPeer peer = new TestPeer(node))
        {
            peer.sendVersion();
            peer.readUntil(Command.VERACK);
            // Verack, a block on the node's tip and a ping in one write: a node that stalls after the
            // handshake takes none of what follows the verack (it once took the block and ponged).
            final byte[] block = TestBlocks.on(node.chain().tipHeader(), 0).build();
            final byte[] ping = new byte[8];
            ping[0] = 42;
            final ByteArrayOutputStream write = new ByteArrayOutputStream();
            write.write(peer.frame(Command.VERACK, new byte[0]));
            write.write(peer.frame(Command.BLOCK, block));
            write.write(peer.frame(Command.PING, ping));
            peer.sendRaw(write.toByteArray());

            final List<TestPeer.Frame> frames = peer.readUntil(Command.GETSPORKS);
            assertTrue(node.connections().get(0).isHandshakeComplete(), "the verack was processed");
            assertTrue(frames.stream().noneMatch(f -> f.command == Command.PONG), "no pong: " + frames);
            assertTrue(peer.silentFor(500), "nothing more, no pong");
            assertTrue(node.blockArrivals().isEmpty(), "the block behind the verack was not processed");
            assertFalse(node.chain().hasBlock(TestBlocks.hash(block)));
        }
    }

    @Test
    void shouldReadSlowly() throws IOException
    {
        try (SimulatedDashNode node = SimulatedDashNode.start(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            node.misbehaviour().slowReaderBytesPerSecond(100_000);
            final byte[] block = TestBlocks.on(node.chain().tipHeader(), 0).padToSize(150_000).build();
            final long start = System.nanoTime();
            peer.send(Command.BLOCK, block);
            final BlockArrival arrival = node.awaitBlock(TestBlocks.hash(block), Duration.ofSeconds(10));
            assertNotNull(arrival);
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(arrival.arrivalNs() - start);
            // The rate limit is a floor the node guarantees; how much longer a loaded machine takes is not
            // the node's property (the await above bounds it), so no wall-clock ceiling here.
            assertTrue(elapsedMs >= 1_200, "150 kB at 100 kB/s took " + elapsedMs + " ms");
            assertEquals(BlockVerdict.ACCEPTED_NEW_TIP, arrival.verdict());
        }
    }

    @Test
    void shouldResetMidBlock() throws IOException
    {
        try (SimulatedDashNode node = node(new SimMisbehaviour().resetMidBlockAfterBytes(1_000)); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] block = TestBlocks.on(node.chain().tipHeader(), 0).padToSize(500_000).build();
            try
            {
                peer.send(Command.BLOCK, block);
            }
            catch (final IOException expected)
            {
                // The reset may already hit the client's write.
            }
            assertTrue(peer.awaitResetByNode(), "RST, not FIN");
            assertReason(node, DisconnectReason.SCRIPTED_RESET_MID_BLOCK);
            assertTrue(node.blockArrivals().isEmpty());
            assertEquals(0, node.tipHeight());
        }
    }

    private static void assertClientSees(final SimMisbehaviour misbehaviour, final ProtocolError error) throws IOException
    {
        try (SimulatedDashNode node = node(misbehaviour); TestPeer peer = new TestPeer(node))
        {
            peer.sendVersion();
            final ProtocolException ex = assertThrows(ProtocolException.class, peer::read);
            assertEquals(error, ex.error());
        }
    }

    private static SimulatedDashNode node(final SimMisbehaviour misbehaviour)
    {
        return SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST).misbehaviour(misbehaviour));
    }

    private static void assertReason(final SimulatedDashNode node, final DisconnectReason reason)
    {
        assertTrue(node.await(() -> node.connections().get(0).disconnectReason() == reason, WAIT),
            "expected " + reason + ", got " + node.connections().get(0).disconnectReason());
    }
}
