package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A first end-to-end check with a minimal blocking node written here, independent of the simulator.
 */
class BroadcasterSmokeTest
{
    @Test
    @Timeout(30)
    void shouldHandshakePushAndAckOneBlock() throws Exception
    {
        final byte[] block = HexFormat.of().parseHex(Files.readString(
            Path.of(getClass().getResource("/blocks/genesis-regtest.hex").toURI())).trim());
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress()))
        {
            final List<byte[]> received = new CopyOnWriteArrayList<>();
            final Thread node = new Thread(() -> serve(server, received));
            node.setDaemon(true);
            node.start();
            final BroadcasterContext ctx = new BroadcasterContext()
                .network(Network.REGTEST)
                .addPeer(PeerEndpoint.of("127.0.0.1", server.getLocalPort(), PeerPriority.CRITICAL));
            try (Broadcaster broadcaster = Broadcaster.launch(ctx))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (broadcaster.readyPeerCount() < 1 && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertEquals(1, broadcaster.readyPeerCount());
                final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(10, TimeUnit.SECONDS);
                assertEquals(1, receipt.handoffCount());
                assertEquals(1, receipt.ackCount());
                assertEquals(Network.REGTEST.genesisHashHex(), receipt.blockHash());
                assertEquals(1, received.size());
                assertArrayEquals(block, received.get(0));
            }
        }
    }

    private static void serve(final ServerSocket server, final List<byte[]> received)
    {
        try (Socket socket = server.accept())
        {
            final InputStream in = new DataInputStream(socket.getInputStream());
            final OutputStream out = socket.getOutputStream();
            final FrameDecoder decoder = new FrameDecoder(Network.REGTEST);
            final MessageFramer framer = new MessageFramer(Network.REGTEST);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4 * 1024 * 1024]);
            final UnsafeBuffer outBuffer = new UnsafeBuffer(new byte[1024]);
            final BlockView view = new BlockView();
            int filled = 0;
            while (true)
            {
                final int n = in.read(buffer.byteArray(), filled, buffer.capacity() - filled);
                if (n < 0)
                {
                    return;
                }
                filled += n;
                int position = 0;
                int frame;
                while ((frame = decoder.decode(buffer, position, filled - position)) > 0)
                {
                    final int payload = position + 24;
                    final int length = frame - 24;
                    switch (decoder.command())
                    {
                        case VERSION:
                            final int vlen = new VersionFlyweight().wrapForEncode(outBuffer, 24)
                                .protocolVersion(Network.PROTOCOL_VERSION).services(0x1c05).nonce(42)
                                .userAgent("/Dash Core:22.1.1/").startHeight(0).relay(true).encodedLength();
                            out.write(outBuffer.byteArray(), 0, framer.frame(outBuffer, 0, Command.VERSION, vlen));
                            out.write(outBuffer.byteArray(), 0, framer.frame(outBuffer, 0, Command.VERACK, 0));
                            break;
                        case PING:
                            final long nonce = new NonceFlyweight().wrap(buffer, payload, length).nonce();
                            NonceFlyweight.encode(outBuffer, 24, nonce);
                            out.write(outBuffer.byteArray(), 0, framer.frame(outBuffer, 0, Command.PONG, 8));
                            break;
                        case BLOCK:
                            view.wrap(buffer, payload, length);
                            final byte[] copy = new byte[length];
                            buffer.getBytes(payload, copy);
                            received.add(copy);
                            break;
                        default:
                            break;
                    }
                    position += frame;
                }
                System.arraycopy(buffer.byteArray(), position, buffer.byteArray(), 0, filled - position);
                filled -= position;
            }
        }
        catch (final IOException ex)
        {
            // test node closed
        }
    }
}
