package io.dashcast.tools.daemon;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.function.IntSupplier;

/**
 * Holds an ingress agent back until the peers are ready, or for a bounded time. On a restart the
 * shared-memory queue may already hold blocks written while the daemon was down; read at once, they
 * would find no ready peer and go to the local dashd's RPC alone. The gate opens when every peer is
 * ready, or at {@code maxWaitNs} whatever the peers (dashd still gets every block then): a block
 * waits at most that long, and only at start.
 */
final class ReadyGate implements Agent
{
    private final Agent delegate;
    private final IntSupplier readyPeers;
    private final int peers;
    private final NanoClock clock;
    private final long openAtNs;
    private boolean open;

    /**
     * @param delegate   the agent to run once open.
     * @param readyPeers peers ready now.
     * @param peers      peers configured.
     * @param clock      time source.
     * @param maxWaitNs  the longest the gate stays shut.
     */
    ReadyGate(final Agent delegate, final IntSupplier readyPeers, final int peers, final NanoClock clock,
        final long maxWaitNs)
    {
        this.delegate = delegate;
        this.readyPeers = readyPeers;
        this.peers = peers;
        this.clock = clock;
        this.openAtNs = clock.nanoTime() + maxWaitNs;
    }

    @Override
    public int doWork() throws Exception
    {
        if (!open)
        {
            open = readyPeers.getAsInt() >= peers || clock.nanoTime() - openAtNs >= 0;
            if (!open)
            {
                return 0;
            }
        }
        return delegate.doWork();
    }

    @Override
    public void onClose()
    {
        delegate.onClose();
    }

    @Override
    public String roleName()
    {
        return delegate.roleName();
    }

    /**
     * @return true once the delegate runs.
     */
    boolean isOpen()
    {
        return open;
    }
}
