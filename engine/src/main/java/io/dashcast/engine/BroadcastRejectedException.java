package io.dashcast.engine;

/**
 * A block the broadcaster refused at submission (ring full, invalid, too large, closed). The block
 * was not taken: the caller still holds it and decides whether to retry.
 */
public final class BroadcastRejectedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long code;

    /**
     * @param code the negative result of {@code Broadcaster.submit}.
     */
    public BroadcastRejectedException(final long code)
    {
        super(Broadcaster.describe(code));
        this.code = code;
    }

    /**
     * @return {@link Broadcaster#RING_FULL}, {@link Broadcaster#INVALID_BLOCK}, {@link Broadcaster#TOO_LARGE}
     * or {@link Broadcaster#CLOSED}.
     */
    public long code()
    {
        return code;
    }
}
