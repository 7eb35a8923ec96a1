package io.dashcast.engine.ingress;

/**
 * The queue file cannot be created, opened or mapped, or does not have the ring's layout.
 * The message is one line naming the file and what is wrong; no stack trace is filled in.
 */
public final class SharedMemoryQueueException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: the file and what is wrong with it.
     */
    public SharedMemoryQueueException(final String message)
    {
        super(message, null, false, false);
    }
}
