package io.dashcast.engine;

import org.agrona.LangUtil;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;

/**
 * Idles a broadcast loop inside {@code Selector.select}: socket events are handled as they arrive
 * and a producer's {@code wakeup()} ends the wait at once. Costs a cross-thread wake-up per block,
 * but no spinning core.
 */
final class SelectorIdleStrategy implements IdleStrategy
{
    private static final long TIMEOUT_MS = 1;

    private final BroadcastLoop loop;

    SelectorIdleStrategy(final BroadcastLoop loop)
    {
        this.loop = loop;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount <= 0)
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        try
        {
            loop.blockingSelect(TIMEOUT_MS);
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String alias()
    {
        return "select";
    }
}
