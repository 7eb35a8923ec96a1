package io.dashcast.engine;

/**
 * What a broadcast loop does when a duty cycle found no work.
 */
public enum IdleMode
{
    /** Spin: lowest latency, burns a core per loop. */
    BUSY_SPIN,
    /** {@code Thread.yield()} between cycles. */
    YIELD,
    /** Spin, then yield, then park with growing back-off (Agrona {@code BackoffIdleStrategy}). */
    BACKOFF,
    /** Block in {@code Selector.select}; producers wake the loop once per block. */
    BLOCKING_SELECT
}
