package io.dashcast.tools;

/**
 * Input a user gave us is wrong: a file, a block, an argument. {@link DashcastMain} prints the
 * message as one line on stderr and exits with {@link DashcastMain#EXIT_BAD_INPUT}. No stack
 * trace is filled in: it is an expected outcome, not a bug.
 */
public final class BadInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line saying what is wrong and, where it helps, how to fix it.
     */
    public BadInputException(final String message)
    {
        super(message, null, false, false);
    }
}
