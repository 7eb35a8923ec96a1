package io.dashcast.tools.jsonrpc;

import org.agrona.ErrorHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's one network thread: a selector that accepts connections (at most
 * {@link RpcGateway.Context#maxConnections()} at once: beyond that, new ones wait in the kernel's
 * backlog), drives each {@link GatewayConnection}, runs their deadlines, and writes answers that
 * dashd's futures hand back from other threads. It blocks in {@code select} while nothing happens:
 * a pool calls a few times a minute, and a parked thread costs nothing until it does.
 * <p>
 * {@link #close()} is graceful: the listening socket closes at once, connections between requests
 * close, and each call already read is answered before its connection closes, within the close
 * bound.
 */
final class GatewayLoop implements Runnable
{
    /** A step on the loop that may fail on its connection's channel. */
    interface Task
    {
        void run() throws IOException;
    }

    private static final long NONE = Long.MAX_VALUE;
    /** Bytes a body read takes at most: the hex decode runs on each piece while it is in cache. */
    static final int READ_CHUNK_BYTES = 256 * 1024;
    /** Bodies from this size on are read into the loop's kept array; smaller ones into their own. */
    static final int LENT_BODY_BYTES = 64 * 1024;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final SelectionKey acceptKey;
    private final GatewayHandler handler;
    private final ErrorHandler errorHandler;
    private final long readTimeoutNs;
    private final long idleTimeoutNs;
    private final long closeTimeoutNs;
    private final int maxConnections;
    private final int maxBodyBytes;
    /**
     * Every body is read through this one buffer, allocated (and so touched) at start: a heap buffer
     * read would take a JDK temporary direct buffer as large as the rest of the body, allocated and
     * page-faulted in the read of the first body larger than any before (1,047 faults, about 7 ms,
     * for a 2 MiB block's 4 MiB of hex).
     */
    private final ByteBuffer readChunk = ByteBuffer.allocateDirect(READ_CHUNK_BYTES);
    /**
     * Large bodies are read into one array of the body bound, kept from one call to the next: a
     * 2 MiB block's 4 MiB of hex had been a new array per call, allocated and zeroed in 0.3-1.5 ms.
     */
    private byte[] keptBody;
    private boolean keptBodyLent;
    /** Times the kept array was lent; written by the loop thread only. */
    private volatile long keptBodyLends;
    private final ArrayList<GatewayConnection> connections = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closing;
    private long nextCheckNs = NONE;
    private long closeDeadlineNs;
    private boolean closeStarted;

    /**
     * Bind and get ready; {@link #start()} runs it.
     *
     * @param ctx     the concluded settings.
     * @param handler what requests are answered with.
     * @throws IOException when the address cannot be bound.
     */
    GatewayLoop(final RpcGateway.Context ctx, final GatewayHandler handler) throws IOException
    {
        this.handler = handler;
        this.errorHandler = ctx.errorHandler();
        this.readTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.requestReadTimeoutMs());
        this.idleTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.idleTimeoutMs());
        this.closeTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.closeTimeoutMs());
        this.maxConnections = ctx.maxConnections();
        this.maxBodyBytes = ctx.maxBodyBytes();
        selector = Selector.open();
        try
        {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(ctx.bindAddress(), ctx.port()), 128);
            server.configureBlocking(false);
            acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException | RuntimeException ex)
        {
            selector.close();
            throw ex;
        }
        thread = new Thread(this, "dashcast-rpc");
        thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    int port()
    {
        return server.socket().getLocalPort();
    }

    GatewayHandler handler()
    {
        return handler;
    }

    long readTimeoutNs()
    {
        return readTimeoutNs;
    }

    long idleTimeoutNs()
    {
        return idleTimeoutNs;
    }

    /**
     * @return the loop's body read buffer, for the connection being served (one thread: no sharing).
     */
    ByteBuffer readChunk()
    {
        return readChunk;
    }

    int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    /**
     * An array for a body, lent until {@link #giveBackBody}: for a body of {@value #LENT_BODY_BYTES}
     * bytes or more, the loop's one kept array of {@link #maxBodyBytes()} (made on the first), unless
     * another connection has it; else a new array of the body's length.
     *
     * @param length the body's bytes, at most {@link #maxBodyBytes()}.
     * @return an array of at least {@code length} bytes.
     */
    byte[] lendBody(final int length)
    {
        if (length < LENT_BODY_BYTES || keptBodyLent)
        {
            return new byte[length];
        }
        if (keptBody == null || keptBody.length < length)
        {
            keptBody = new byte[Math.max(length, maxBodyBytes)];
        }
        keptBodyLent = true;
        keptBodyLends++;
        return keptBody;
    }

    /**
     * @return how many bodies were read into the kept array (tests).
     */
    long keptBodyLends()
    {
        return keptBodyLends;
    }

    /**
     * @param body an array from {@link #lendBody} (or a chunked body's), no longer used.
     */
    void giveBackBody(final byte[] body)
    {
        if (body == keptBody)
        {
            keptBodyLent = false;
        }
    }

    boolean closing()
    {
        return closing;
    }

    void onError(final Throwable ex)
    {
        errorHandler.onError(ex);
    }

    /**
     * A connection set a deadline (loop thread).
     *
     * @param deadlineNs when.
     */
    void onDeadline(final long deadlineNs)
    {
        if (deadlineNs < nextCheckNs)
        {
            nextCheckNs = deadlineNs;
        }
    }

    /**
     * A connection closed (loop thread).
     *
     * @param connection it.
     */
    void onClosed(final GatewayConnection connection)
    {
        connections.remove(connection);
        if (!closing && acceptKey.isValid() && connections.size() < maxConnections)
        {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /**
     * Run a step for a connection on the loop, from any thread; a failure closes the connection.
     *
     * @param task       the step.
     * @param connection its connection.
     */
    void execute(final Task task, final GatewayConnection connection)
    {
        tasks.add(() -> guarded(task, connection));
        selector.wakeup();
    }

    /** Run a step of a connection: a channel failure closes it, anything else is reported too. */
    private void guarded(final Task task, final GatewayConnection connection)
    {
        try
        {
            task.run();
        }
        catch (final IOException ex)
        {
            connection.close();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            connection.close();
        }
    }

    @Override
    public void run()
    {
        try
        {
            while (true)
            {
                long nowNs = System.nanoTime();
                if (closing)
                {
                    startClosing(nowNs);
                    if (connections.isEmpty() || nowNs - closeDeadlineNs >= 0)
                    {
                        break;
                    }
                }
                long timeoutMs = nextCheckNs == NONE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextCheckNs - nowNs) + 1);
                if (closing)
                {
                    timeoutMs = timeoutMs == 0 ? 50 : Math.min(timeoutMs, 50);
                }
                selector.select(this::onKey, timeoutMs);
                Runnable task;
                while ((task = tasks.poll()) != null)
                {
                    task.run();
                }
                nowNs = System.nanoTime();
                if (nowNs - nextCheckNs >= 0)
                {
                    checkDeadlines(nowNs);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
        finally
        {
            for (int i = connections.size() - 1; i >= 0; i--)
            {
                connections.get(i).close();
            }
            release();
        }
    }

    /** Close the listening socket and the selector, and say the loop has stopped. */
    private void release()
    {
        try
        {
            server.close();
            selector.close();
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
        stopped.countDown();
    }

    private void onKey(final SelectionKey key)
    {
        if (key == acceptKey)
        {
            accept();
            return;
        }
        final GatewayConnection connection = (GatewayConnection)key.attachment();
        if (!key.isValid())
        {
            return;
        }
        guarded(() ->
        {
            final long nowNs = System.nanoTime();
            if (key.isReadable())
            {
                connection.onReadable(nowNs);
            }
            if (!connection.isClosed() && key.isValid() && key.isWritable())
            {
                connection.onWritable(nowNs);
            }
        }, connection);
    }

    private void accept()
    {
        while (connections.size() < maxConnections)
        {
            final SocketChannel channel;
            try
            {
                channel = server.accept();
            }
            catch (final IOException ex)
            {
                // Out of descriptors or a reset in the backlog: the next accept tries again.
                return;
            }
            if (channel == null)
            {
                return;
            }
            try
            {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final String remote = ((InetSocketAddress)channel.getRemoteAddress()).getAddress().getHostAddress();
                final SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                final GatewayConnection connection = new GatewayConnection(this, channel, key, remote, System.nanoTime());
                key.attach(connection);
                connections.add(connection);
            }
            catch (final IOException ex)
            {
                try
                {
                    channel.close();
                }
                catch (final IOException ignore)
                {
                    // gone already
                }
            }
        }
        // Full: the rest wait in the backlog until a connection closes.
        acceptKey.interestOps(0);
    }

    private void checkDeadlines(final long nowNs)
    {
        nextCheckNs = NONE;
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            if (i >= connections.size())
            {
                continue;
            }
            final GatewayConnection connection = connections.get(i);
            final long deadline = connection.deadlineNs();
            if (deadline != 0 && nowNs - deadline >= 0)
            {
                guarded(() -> connection.onDeadline(nowNs), connection);
            }
        }
        for (final GatewayConnection connection : connections)
        {
            final long deadline = connection.deadlineNs();
            if (deadline != 0 && deadline < nextCheckNs)
            {
                nextCheckNs = deadline;
            }
        }
    }

    private void startClosing(final long nowNs)
    {
        if (closeStarted)
        {
            return;
        }
        closeStarted = true;
        closeDeadlineNs = nowNs + closeTimeoutNs;
        acceptKey.cancel();
        try
        {
            server.close();
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            if (i < connections.size())
            {
                connections.get(i).onGatewayClosing();
            }
        }
    }

    /**
     * One raw HTTP exchange through the same connection code, head parser and handler as a socket,
     * without one: the request's bytes are the input, then end of input, as if the client had shut
     * down its output. Fuzzing runs many times faster this way.
     *
     * @param request   the whole request.
     * @param timeoutMs how long to wait for the answer and the close.
     * @return the bytes written, empty when the connection closed without answering.
     * @throws IllegalStateException when it neither answered and closed within the time.
     */
    byte[] exchangeInMemory(final byte[] request, final long timeoutMs)
    {
        final MemoryChannel channel = new MemoryChannel(request);
        final GatewayConnection[] connection = new GatewayConnection[1];
        tasks.add(() ->
        {
            final long nowNs = System.nanoTime();
            connection[0] = new GatewayConnection(this, channel, null, "memory", nowNs);
            connections.add(connection[0]);
            guarded(() -> connection[0].onReadable(nowNs), connection[0]);
        });
        selector.wakeup();
        try
        {
            if (!channel.closed.await(timeoutMs, TimeUnit.MILLISECONDS))
            {
                tasks.add(() ->
                {
                    if (connection[0] != null)
                    {
                        connection[0].close();
                    }
                });
                selector.wakeup();
                throw new IllegalStateException("the connection neither answered nor closed within " + timeoutMs + " ms");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        return channel.written();
    }

    /**
     * Stop gracefully (see the class comment) and wait for the loop to end.
     */
    void close()
    {
        closing = true;
        if (!thread.isAlive() && stopped.getCount() > 0)
        {
            // Never started.
            release();
            return;
        }
        selector.wakeup();
        try
        {
            stopped.await(TimeUnit.NANOSECONDS.toMillis(closeTimeoutNs) + 2_000, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** A connection's input from an array and its output to memory. */
    private static final class MemoryChannel implements ByteChannel
    {
        private final ByteBuffer input;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final CountDownLatch closed = new CountDownLatch(1);

        MemoryChannel(final byte[] request)
        {
            input = ByteBuffer.wrap(request);
        }

        @Override
        public int read(final ByteBuffer dst) throws IOException
        {
            if (!isOpen())
            {
                throw new ClosedChannelException();
            }
            if (!input.hasRemaining())
            {
                return -1;
            }
            final int n = Math.min(dst.remaining(), input.remaining());
            dst.put(dst.position(), input, input.position(), n);
            dst.position(dst.position() + n);
            input.position(input.position() + n);
            return n;
        }

        @Override
        public int write(final ByteBuffer src) throws IOException
        {
            if (!isOpen())
            {
                throw new ClosedChannelException();
            }
            final int n = src.remaining();
            synchronized (output)
            {
                while (src.hasRemaining())
                {
                    output.write(src.get());
                }
            }
            return n;
        }

        byte[] written()
        {
            synchronized (output)
            {
                return output.toByteArray();
            }
        }

        @Override
        public boolean isOpen()
        {
            return closed.getCount() > 0;
        }

        @Override
        public void close()
        {
            closed.countDown();
        }
    }
}
