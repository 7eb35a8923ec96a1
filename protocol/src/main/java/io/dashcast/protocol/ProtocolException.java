package io.dashcast.protocol;

/**
 * The one exception the protocol decoders throw: a {@link ProtocolError} and a short detail.
 * No stack trace is filled in: it is an expected outcome of reading untrusted bytes, not a bug.
 */
public final class ProtocolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ProtocolError error;

    /**
     * @param error  which rule the bytes broke.
     * @param detail what was found, for logs.
     */
    public ProtocolException(final ProtocolError error, final String detail)
    {
        super(error + ": " + detail, null, false, false);
        this.error = error;
    }

    /**
     * @return the rule the bytes broke.
     */
    public ProtocolError error()
    {
        return error;
    }
}
