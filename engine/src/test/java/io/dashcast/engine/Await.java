package io.dashcast.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waiting for the engine's tests: poll a condition until it holds or the time is up.
 */
final class Await
{
    private Await()
    {
    }

    /**
     * @param condition what to wait for.
     * @param timeout   at most this long.
     * @return whether it held in time.
     */
    static boolean until(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            if (condition.getAsBoolean())
            {
                return true;
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
