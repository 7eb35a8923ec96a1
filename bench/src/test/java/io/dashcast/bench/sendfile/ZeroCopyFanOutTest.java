package io.dashcast.bench.sendfile;

import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class ZeroCopyFanOutTest
{
    private static final int PAYLOAD = 300_000;
    private static final int PEERS = 3;

    @TempDir
    Path dir;

    @Test
    void shouldFrameTheBlockWithRegtestMagicAndItsLength()
    {
        try (FramedBlockFile block = new FramedBlockFile(dir, PAYLOAD, 1))
        {
            final ByteBuffer frame = block.direct().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(PAYLOAD + MessageHeaderFlyweight.HEADER_LENGTH, block.frameLength());
            assertEquals(Network.REGTEST.magic(), frame.getInt(0));
            assertEquals(PAYLOAD, frame.getInt(16));
            assertEquals(block.mapped().duplicate().clear(), frame.clear(), "mapped and direct hold the same bytes");
        }
    }

    @Test
    void shouldDeliverTheWholeFrameToEveryPeerWhateverTheMode() throws IOException
    {
        try (FramedBlockFile block = new FramedBlockFile(dir, PAYLOAD, 2);
            LoopbackSinks sinks = new LoopbackSinks(PEERS, block.frameLength()))
        {
            long frames = 0;
            for (final ZeroCopyFanOut.Mode mode : ZeroCopyFanOut.Mode.values())
            {
                final long calls = new ZeroCopyFanOut(mode, block, sinks.senders()).sendAll();
                assertTrue(calls >= PEERS, mode + " made " + calls + " calls");
                frames++;
                await(sinks, frames);
            }
            assertEquals(ZeroCopyFanOut.Mode.values().length, sinks.completedFrames());
        }
    }

    @Test
    void shouldSendTheFramesBytesExactlyWhateverTheMode() throws IOException
    {
        try (FramedBlockFile block = new FramedBlockFile(dir, PAYLOAD, 4);
            ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel sender = SocketChannel.open(server.getLocalAddress());
            SocketChannel receiver = server.accept())
        {
            sender.configureBlocking(false);
            final ByteBuffer received = ByteBuffer.allocate(block.frameLength());
            for (final ZeroCopyFanOut.Mode mode : ZeroCopyFanOut.Mode.values())
            {
                final Thread reader = new Thread(() -> readFully(receiver, received.clear()));
                reader.start();
                new ZeroCopyFanOut(mode, block, new SocketChannel[] {sender}).sendAll();
                join(reader);
                assertEquals(block.direct().duplicate().clear(), received.flip(), mode + " sent other bytes");
            }
        }
    }

    private static void readFully(final SocketChannel channel, final ByteBuffer into)
    {
        try
        {
            while (into.hasRemaining() && channel.read(into) >= 0)
            {
                // blocking reads until the frame is in
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        assertFalse(thread.isAlive(), "reader still waiting");
    }

    @Test
    void shouldCountBlocksOnlyWhenEveryPeerHasAllOfIt() throws IOException
    {
        try (FramedBlockFile block = new FramedBlockFile(dir, PAYLOAD, 3);
            LoopbackSinks sinks = new LoopbackSinks(PEERS, block.frameLength()))
        {
            final ByteBuffer part = block.direct().duplicate();
            for (final SocketChannel channel : sinks.senders())
            {
                part.clear().limit(block.frameLength() - 1);
                while (part.hasRemaining())
                {
                    channel.write(part);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            assertEquals(0, sinks.completedFrames(), "one byte short on every peer");
            for (final SocketChannel channel : sinks.senders())
            {
                part.clear().position(block.frameLength() - 1);
                while (part.hasRemaining())
                {
                    channel.write(part);
                }
            }
            await(sinks, 1);
        }
    }

    private static void await(final LoopbackSinks sinks, final long frames)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sinks.completedFrames() < frames && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertEquals(frames, sinks.completedFrames());
    }
}
