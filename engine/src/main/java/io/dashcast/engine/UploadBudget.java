package io.dashcast.engine;

/**
 * A token bucket of upload bytes: refilled at a fixed rate, holding at most a burst (a tenth of a
 * second's worth, at least 64 KiB). One per peer for the per-peer cap, one per loop for its share of
 * the overall cap; used only by its loop's thread, so plain fields and no allocation. A rate of 0
 * means no cap.
 */
final class UploadBudget
{
    static final long MIN_BURST_BYTES = 64 * 1024;

    private final long bytesPerSecond;
    private final long burstBytes;
    private long tokens;
    private long refilledNs;
    private boolean started;

    /**
     * @param bytesPerSecond the cap, or 0 for none.
     */
    UploadBudget(final long bytesPerSecond)
    {
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = Math.max(MIN_BURST_BYTES, bytesPerSecond / 10);
    }

    boolean isCapped()
    {
        return bytesPerSecond > 0;
    }

    /**
     * @return bytes that may be written now ({@link Long#MAX_VALUE} when uncapped).
     */
    long available(final long nowNs)
    {
        if (bytesPerSecond == 0)
        {
            return Long.MAX_VALUE;
        }
        if (!started)
        {
            started = true;
            refilledNs = nowNs;
            tokens = burstBytes;
        }
        final long elapsedNs = nowNs - refilledNs;
        if (elapsedNs > 0)
        {
            // Whole bytes only; the remainder of the interval carries over to the next refill.
            final long earned = Math.min(burstBytes, elapsedNs * bytesPerSecond / 1_000_000_000L);
            if (earned > 0)
            {
                tokens = Math.min(burstBytes, tokens + earned);
                refilledNs = tokens == burstBytes ? nowNs : refilledNs + earned * 1_000_000_000L / bytesPerSecond;
            }
        }
        return tokens;
    }

    /**
     * @param bytes written (never more than {@link #available} said).
     */
    void consume(final long bytes)
    {
        if (bytesPerSecond > 0)
        {
            tokens = Math.max(0, tokens - bytes);
        }
    }
}
