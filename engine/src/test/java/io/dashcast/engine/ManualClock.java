package io.dashcast.engine;

import org.agrona.concurrent.NanoClock;

/**
 * A nanosecond clock the test moves by hand. With {@link #ticking(boolean)} on, every reading also
 * moves it on by one nanosecond, so stamps taken one after another are strictly ordered (the order
 * of writes becomes visible in hand-off times).
 */
final class ManualClock implements NanoClock
{
    private volatile long nowNs;
    private volatile boolean ticking;

    ManualClock(final long startNs)
    {
        this.nowNs = startNs;
    }

    @Override
    public synchronized long nanoTime()
    {
        if (ticking)
        {
            nowNs++;
        }
        return nowNs;
    }

    synchronized void advance(final long ns)
    {
        nowNs += ns;
    }

    ManualClock ticking(final boolean on)
    {
        ticking = on;
        return this;
    }
}
