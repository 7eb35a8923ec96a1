package io.dashcast.sim;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The simulated node's one thread: a selector over the listening socket and every connection,
 * a queue of commands from other threads (tests mining blocks, closing connections), and the
 * timers (handshake timeout, pings, delayed pongs, slow-reader budget). All protocol state is
 * touched here only.
 */
final class SimNodeLoop implements Runnable
{
    private static final long IDLE_SELECT_MS = 50;

    private final SimulatedDashNode.Context context;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final SimNodeProtocol protocol;
    private final Object monitor;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<SimConnection> open = new ArrayList<>();
    private final List<SimConnection> all = new CopyOnWriteArrayList<>();
    private final List<BlockArrival> arrivals = new CopyOnWriteArrayList<>();
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private volatile boolean running = true;
    private long nowNs;

    SimNodeLoop(
        final SimulatedDashNode.Context context,
        final SimChain chain,
        final Selector selector,
        final ServerSocketChannel server,
        final Object monitor)
    {
        this.context = context;
        this.selector = selector;
        this.server = server;
        this.monitor = monitor;
        this.protocol = new SimNodeProtocol(context, chain, this);
    }

    SimNodeProtocol protocol()
    {
        return protocol;
    }

    List<SimConnection> connections()
    {
        return all;
    }

    List<BlockArrival> arrivals()
    {
        return arrivals;
    }

    /**
     * @return connections still open; node thread only.
     */
    List<SimConnection> openConnections()
    {
        return open;
    }

    /**
     * Run a command on the node's thread.
     */
    void post(final Runnable command)
    {
        commands.add(command);
        selector.wakeup();
    }

    void stop()
    {
        running = false;
        selector.wakeup();
    }

    void onClosed(final SimConnection connection)
    {
        // Removed from the open list at the end of the duty cycle; its blocks in flight are freed now.
        protocol().onDisconnected(connection);
    }

    void onBlockArrival(final BlockArrival arrival)
    {
        arrivals.add(arrival);
    }

    @Override
    public void run()
    {
        try
        {
            while (running)
            {
                nowNs = System.nanoTime();
                doCommands();
                final long deadline = doTimers();
                final long waitMs = Math.max(1, Math.min(IDLE_SELECT_MS, (deadline - System.nanoTime()) / 1_000_000));
                selector.select(onSelected, waitMs);
                signal();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            context.errorHandler().accept(ex);
        }
        finally
        {
            shutdown();
        }
    }

    private void doCommands()
    {
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            try
            {
                command.run();
            }
            catch (final RuntimeException ex)
            {
                context.errorHandler().accept(ex);
            }
        }
    }

    /**
     * @return the earliest deadline any connection needs the loop to wake for.
     */
    private long doTimers()
    {
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < open.size(); i++)
        {
            final SimConnection c = open.get(i);
            protocol.onTimer(c, nowNs);
            c.flush(nowNs);
            c.updateInterest(nowNs);
            deadline = Math.min(deadline, c.nextDeadlineNs(nowNs));
        }
        open.removeIf(c -> !c.isOpen());
        return deadline;
    }

    private void onSelected(final SelectionKey key)
    {
        final long now = System.nanoTime();
        try
        {
            if (key.isAcceptable())
            {
                onAccept(now);
                return;
            }
            final SimConnection c = (SimConnection)key.attachment();
            if (key.isValid() && key.isWritable())
            {
                c.onWritable(now);
            }
            if (key.isValid() && key.isReadable())
            {
                c.onReadable(protocol, now);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            final Object attachment = key.attachment();
            if (attachment instanceof SimConnection)
            {
                ((SimConnection)attachment).close(DisconnectReason.IO_ERROR, String.valueOf(ex), false);
            }
            context.errorHandler().accept(ex);
        }
    }

    private void onAccept(final long now) throws IOException
    {
        SocketChannel channel;
        while ((channel = server.accept()) != null)
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final SimConnection c = new SimConnection(all.size(), channel, this, context.misbehaviour(),
                context.network(), now);
            c.register(channel.register(selector, SelectionKey.OP_READ, c));
            open.add(c);
            all.add(c);
        }
    }

    private void signal()
    {
        synchronized (monitor)
        {
            monitor.notifyAll();
        }
    }

    private void shutdown()
    {
        for (final SimConnection c : open)
        {
            c.close(DisconnectReason.NODE_CLOSED, "node closed", false);
        }
        open.clear();
        try
        {
            server.close();
        }
        catch (final IOException ignore)
        {
            // Best effort.
        }
        try
        {
            selector.selectNow();
            selector.close();
        }
        catch (final IOException ignore)
        {
            // Best effort.
        }
        signal();
    }
}
