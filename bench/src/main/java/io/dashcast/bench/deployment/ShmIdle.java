package io.dashcast.bench.deployment;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The shared-memory queue thread's idle strategy, from a spec on the command line:
 * {@code sleep-ms:M} (the daemon's strategy before issue 15: sleep M ms between empty polls) or
 * {@code backoff:SPINS:YIELDS:MIN_PARK_US:MAX_PARK_US} (Agrona's {@link BackoffIdleStrategy}).
 */
final class ShmIdle
{
    private ShmIdle()
    {
    }

    /**
     * @param spec the spec.
     * @return the spec, checked.
     * @throws IllegalArgumentException when it is not one of the two forms.
     */
    static String check(final String spec)
    {
        of(spec);
        return spec;
    }

    /**
     * @param spec the spec.
     * @return a new idle strategy.
     * @throws IllegalArgumentException when it is not one of the two forms.
     */
    static IdleStrategy of(final String spec)
    {
        final String[] parts = spec.split(":");
        try
        {
            if ("sleep-ms".equals(parts[0]) && parts.length == 2)
            {
                return new SleepingMillisIdleStrategy(Long.parseLong(parts[1]));
            }
            if ("backoff".equals(parts[0]) && parts.length == 5)
            {
                return new BackoffIdleStrategy(Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    TimeUnit.MICROSECONDS.toNanos(Long.parseLong(parts[3])), TimeUnit.MICROSECONDS.toNanos(Long.parseLong(parts[4])));
            }
        }
        catch (final NumberFormatException ex)
        {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--shm-idle: expected sleep-ms:M or backoff:SPINS:YIELDS:MIN_PARK_US:MAX_PARK_US, got " +
            spec);
    }
}
