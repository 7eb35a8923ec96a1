package io.dashcast.engine;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Runs the broadcast loops as the {@link ThreadingMode} says: one {@link AgentRunner} thread per
 * loop with the configured {@link IdleMode}, or one {@link AgentInvoker} over all of them that the
 * caller drives.
 */
final class LoopRunners implements AutoCloseable
{
    private final AgentRunner[] runners;
    private final AgentInvoker invoker;

    LoopRunners(final BroadcastLoop[] loops, final ThreadingMode mode, final IdleMode idleMode, final ErrorHandler errors)
    {
        if (mode == ThreadingMode.INVOKER)
        {
            runners = new AgentRunner[0];
            final Agent agent = loops.length == 1 ? loops[0] : new CompositeAgent(loops);
            invoker = new AgentInvoker(errors, null, agent);
        }
        else
        {
            invoker = null;
            runners = new AgentRunner[loops.length];
            for (int i = 0; i < loops.length; i++)
            {
                runners[i] = new AgentRunner(idleStrategy(idleMode, loops[i]), errors, null, loops[i]);
            }
        }
    }

    void start()
    {
        if (invoker != null)
        {
            invoker.start();
        }
        for (final AgentRunner runner : runners)
        {
            AgentRunner.startOnThread(runner);
        }
    }

    /**
     * @return the invoker in {@link ThreadingMode#INVOKER}, else null.
     */
    AgentInvoker invoker()
    {
        return invoker;
    }

    @Override
    public void close()
    {
        if (invoker != null)
        {
            invoker.close();
        }
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
    }

    private static IdleStrategy idleStrategy(final IdleMode mode, final BroadcastLoop loop)
    {
        switch (mode)
        {
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            case YIELD:
                return new YieldingIdleStrategy();
            case BLOCKING_SELECT:
                return new SelectorIdleStrategy(loop);
            default:
                return new BackoffIdleStrategy(
                    100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
        }
    }
}
