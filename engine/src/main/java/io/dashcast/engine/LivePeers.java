package io.dashcast.engine;

import io.dashcast.protocol.X11;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The control side of the live peer set: which peer holds which index of the peer table, on which
 * loop, pinned or not. Changes are made here under a lock that only callers of the public API take
 * (an admin endpoint, the peer manager), then sent to the owning {@link BroadcastLoop} as a
 * {@link PeerCommand} through its queue: a loop never waits for this class. A removed peer's index
 * comes back free once its loop has closed it (the retired queue).
 * <p>
 * The table ({@link #table()}) is what each block's {@link BroadcastRecord} copies at submit time,
 * so a receipt names the peers that held an index then.
 */
final class LivePeers
{
    private final BroadcasterContext ctx;
    private final BroadcastLoop[] loops;
    private final AtomicReferenceArray<PeerEndpoint> table;
    private final AtomicReferenceArray<PeerMetrics> metrics;
    private final int[] loopOf;
    private final boolean[] pinned;
    private final int[] load;
    private final ManyToOneConcurrentArrayQueue<PeerConnection> retired;
    private final Object lock = new Object();
    private final LearnedAddresses addresses = new LearnedAddresses();

    LivePeers(final BroadcasterContext ctx, final BroadcastLoop[] loops, final AtomicReferenceArray<PeerEndpoint> table)
    {
        this.ctx = ctx;
        this.loops = loops;
        final int capacity = table.length();
        this.table = table;
        this.metrics = new AtomicReferenceArray<>(capacity);
        this.loopOf = new int[capacity];
        java.util.Arrays.fill(loopOf, -1);
        this.pinned = new boolean[capacity];
        this.load = new int[loops.length];
        this.retired = new ManyToOneConcurrentArrayQueue<>(capacity);
        for (final BroadcastLoop loop : loops)
        {
            loop.retiredQueue(retired);
            loop.addresses(addresses);
        }
    }

    AtomicReferenceArray<PeerEndpoint> table()
    {
        return table;
    }

    AtomicReferenceArray<PeerMetrics> metrics()
    {
        return metrics;
    }

    LearnedAddresses addresses()
    {
        return addresses;
    }

    /**
     * The configured peers, before the loops start: sorted by priority (stable within one), dealt
     * round-robin, so each loop writes its critical peers first and they spread over all loops;
     * pinned, at their configuration index.
     */
    void assignConfigured(final List<PeerEndpoint> peers)
    {
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++)
        {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing((Integer i) -> peers.get(i).priority()).thenComparing(i -> i));
        final List<List<PeerConnection>> perLoop = new ArrayList<>();
        for (int i = 0; i < loops.length; i++)
        {
            perLoop.add(new ArrayList<>());
        }
        int next = 0;
        for (final int index : order)
        {
            final PeerEndpoint endpoint = peers.get(index);
            perLoop.get(next).add(connection(index, endpoint, next, true));
            pinned[index] = true;
            next = (next + 1) % loops.length;
        }
        for (int i = 0; i < loops.length; i++)
        {
            loops[i].peers(perLoop.get(i).toArray(new PeerConnection[0]));
        }
    }

    private PeerConnection connection(final int index, final PeerEndpoint endpoint, final int loop, final boolean registered)
    {
        if (!registered)
        {
            ctx.status().registerPeer(index, endpoint);
        }
        final PeerMetrics m = new PeerMetrics(endpoint, ctx, index);
        // Resolved here, never on a broadcast loop (a DNS look-up would block it); a failure is
        // retried off the loops by PeerAddress.
        // Behind a proxy the proxy resolves the name: nothing is looked up here (Tor, .onion).
        final InetSocketAddress address = ctx.proxyFor(endpoint) != null ?
            InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()) :
            ctx.hostResolver().resolve(endpoint.host(), endpoint.port());
        final PeerConnection connection = new PeerConnection(index, endpoint, address, m, ctx, loops[loop], new X11());
        metrics.set(index, m);
        table.set(index, endpoint);
        loopOf[index] = loop;
        load[loop]++;
        return connection;
    }

    PeerChange add(final PeerEndpoint endpoint, final boolean pin)
    {
        synchronized (lock)
        {
            drainRetired();
            if (find(endpoint.name()) >= 0 || findHostPort(endpoint.host(), endpoint.port()) >= 0)
            {
                return PeerChange.DUPLICATE_PEER;
            }
            int index = -1;
            for (int i = 0; i < loopOf.length; i++)
            {
                if (loopOf[i] < 0)
                {
                    index = i;
                    break;
                }
            }
            if (index < 0 || index > ctx.status().peerCount())
            {
                return PeerChange.TABLE_FULL;
            }
            int loop = 0;
            for (int i = 1; i < load.length; i++)
            {
                if (load[i] < load[loop])
                {
                    loop = i;
                }
            }
            final PeerConnection connection = connection(index, endpoint, loop, false);
            if (!loops[loop].offer(PeerCommand.add(connection)))
            {
                table.set(index, null);
                metrics.set(index, null);
                loopOf[index] = -1;
                load[loop]--;
                return PeerChange.LOOP_BUSY;
            }
            pinned[index] = pin;
            wakeUp(loop);
            return PeerChange.ADDED;
        }
    }

    PeerChange remove(final String name)
    {
        synchronized (lock)
        {
            drainRetired();
            final int index = find(name);
            if (index < 0)
            {
                return PeerChange.UNKNOWN_PEER;
            }
            if (pinned[index])
            {
                return PeerChange.PINNED_PEER;
            }
            if (!loops[loopOf[index]].offer(PeerCommand.remove(index)))
            {
                return PeerChange.LOOP_BUSY;
            }
            // Blocks submitted from now on leave it out; the index stays taken until the loop closed it.
            table.set(index, null);
            wakeUp(loopOf[index]);
            return PeerChange.REMOVING;
        }
    }

    PeerChange pin(final String name, final boolean pin)
    {
        synchronized (lock)
        {
            final int index = find(name);
            if (index < 0)
            {
                return PeerChange.UNKNOWN_PEER;
            }
            if (pinned[index] == pin)
            {
                return PeerChange.UNCHANGED;
            }
            pinned[index] = pin;
            return pin ? PeerChange.PINNED : PeerChange.UNPINNED;
        }
    }

    PeerChange prioritise(final String name, final PeerPriority priority)
    {
        synchronized (lock)
        {
            final int index = find(name);
            if (index < 0)
            {
                return PeerChange.UNKNOWN_PEER;
            }
            final PeerEndpoint old = table.get(index);
            if (old.priority() == priority)
            {
                return PeerChange.UNCHANGED;
            }
            final PeerEndpoint changed = new PeerEndpoint(old.name(), old.host(), old.port(), priority, old.ownNode());
            if (!loops[loopOf[index]].offer(PeerCommand.priority(index, changed)))
            {
                return PeerChange.LOOP_BUSY;
            }
            table.set(index, changed);
            metrics.get(index).endpoint = changed;
            wakeUp(loopOf[index]);
            return PeerChange.PRIORITY_SET;
        }
    }

    boolean isPinned(final String name)
    {
        synchronized (lock)
        {
            final int index = find(name);
            return index >= 0 && pinned[index];
        }
    }

    /**
     * @return the live peers (not those being removed), by index.
     */
    List<PeerEndpoint> endpoints()
    {
        synchronized (lock)
        {
            drainRetired();
            final List<PeerEndpoint> live = new ArrayList<>();
            for (int i = 0; i < table.length(); i++)
            {
                final PeerEndpoint e = table.get(i);
                if (e != null)
                {
                    live.add(e);
                }
            }
            return live;
        }
    }

    /**
     * @return peers whose index is still taken (live, or removed and not yet closed by their loop).
     */
    int occupied()
    {
        synchronized (lock)
        {
            drainRetired();
            int n = 0;
            for (final int loop : loopOf)
            {
                n += loop >= 0 ? 1 : 0;
            }
            return n;
        }
    }

    private void drainRetired()
    {
        PeerConnection closed;
        while ((closed = retired.poll()) != null)
        {
            final int index = closed.index;
            load[loopOf[index]]--;
            loopOf[index] = -1;
            pinned[index] = false;
            metrics.set(index, null);
        }
    }

    private int find(final String name)
    {
        for (int i = 0; i < table.length(); i++)
        {
            final PeerEndpoint e = table.get(i);
            if (e != null && e.name().equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    private int findHostPort(final String host, final int port)
    {
        for (int i = 0; i < table.length(); i++)
        {
            final PeerEndpoint e = table.get(i);
            if (e != null && e.port() == port && e.host().equalsIgnoreCase(host))
            {
                return i;
            }
        }
        return -1;
    }

    private void wakeUp(final int loop)
    {
        if (ctx.idleMode() == IdleMode.BLOCKING_SELECT)
        {
            loops[loop].selector().wakeup();
        }
    }
}
