package io.dashcast.bench.harness;

/**
 * A measurement could not be made (receiver fault, timeout, a system refusing a block). The
 * harness records the configuration as failed with this message and carries on with the next.
 */
public final class HarnessException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public HarnessException(final String message)
    {
        super(message);
    }

    public HarnessException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
