package io.dashcast.faults;

import io.dashcast.protocol.Network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A peer that answers our {@code version} with one crafted frame, for faults the simulated node has
 * no switch for: a {@code version} header with the right magic and a wrong checksum. Accepts again
 * after each connection, on loopback port 0, until closed.
 */
final class RawPeer implements AutoCloseable
{
    private final ServerSocket server;
    private final Thread acceptor;
    private final byte[] reply;

    private RawPeer(final byte[] reply) throws IOException
    {
        this.reply = reply;
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "fault-raw-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @return a peer whose {@code version} reply carries a bad checksum.
     */
    static RawPeer badChecksum() throws IOException
    {
        final ByteBuffer frame = ByteBuffer.allocate(24 + 4).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(Network.REGTEST.magic());
        final byte[] command = new byte[12];
        final byte[] name = "version".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, command, 0, name.length);
        frame.put(command).putInt(4).putInt(0xdeadbeef).putInt(70235);
        return new RawPeer(frame.array());
    }

    int port()
    {
        return server.getLocalPort();
    }

    private void serve()
    {
        while (!server.isClosed())
        {
            try (Socket socket = server.accept())
            {
                socket.setSoTimeout(5_000);
                final InputStream in = socket.getInputStream();
                final OutputStream out = socket.getOutputStream();
                in.read(new byte[4096]);
                out.write(reply);
                out.flush();
                while (in.read(new byte[4096]) >= 0)
                {
                    // Wait for the broadcaster to hang up.
                }
            }
            catch (final IOException ex)
            {
                // Next connection.
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        server.close();
    }
}
