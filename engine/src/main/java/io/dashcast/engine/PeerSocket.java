package io.dashcast.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A peer's non-blocking TCP socket and its selection key: opened with the configured options
 * (no Nagle, keep-alive, optional buffer sizes), registered for OP_CONNECT then OP_READ, and for
 * OP_WRITE only while a write makes no progress. One per peer, reopened on every connect.
 */
final class PeerSocket
{
    private final Selector selector;
    private final int sendBufferBytes;
    private final int receiveBufferBytes;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean writeInterest;

    PeerSocket(final Selector selector, final int sendBufferBytes, final int receiveBufferBytes)
    {
        this.selector = selector;
        this.sendBufferBytes = sendBufferBytes;
        this.receiveBufferBytes = receiveBufferBytes;
    }

    /**
     * Start connecting; the key's attachment is {@code attachment}.
     *
     * @return true when connected at once (loopback may), false when OP_CONNECT will tell.
     */
    boolean open(final InetSocketAddress target, final Object attachment) throws IOException
    {
        channel = SocketChannel.open();
        writeInterest = false;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        if (sendBufferBytes > 0)
        {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferBytes);
        }
        if (receiveBufferBytes > 0)
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        }
        final boolean connected = channel.connect(target);
        key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, attachment);
        return connected;
    }

    /**
     * @return true once connected (then reading); false while still connecting.
     */
    boolean finishConnect() throws IOException
    {
        if (channel.finishConnect())
        {
            key.interestOps(SelectionKey.OP_READ);
            return true;
        }
        return false;
    }

    boolean isOpen()
    {
        return channel != null;
    }

    SocketChannel channel()
    {
        return channel;
    }

    void writeInterest(final boolean on)
    {
        if (on != writeInterest && key != null && key.isValid())
        {
            key.interestOps(on ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            writeInterest = on;
        }
    }

    void close()
    {
        if (key != null)
        {
            key.cancel();
            key = null;
        }
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing; nothing more to do
            }
            channel = null;
        }
    }
}
