package io.dashcast.tools.config;

/**
 * A configuration file is wrong. The message is one line naming the file, the line, the key and
 * the fix: {@code FILE:LINE: key 'x' ...: fix: ...}. No stack trace is filled in: a bad file is an
 * expected outcome, reported to the user as is.
 */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file    the file as the user named it.
     * @param line    1-based line the problem is on, or 0 when it concerns the whole file.
     * @param problem what is wrong, e.g. {@code key 'port' must be 1..65535, found 0}.
     * @param fix     what to do about it.
     */
    public ConfigException(final String file, final int line, final String problem, final String fix)
    {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem + ": fix: " + fix, null, false, false);
        this.file = file;
        this.line = line;
    }

    /**
     * @return the file as the user named it.
     */
    public String file()
    {
        return file;
    }

    /**
     * @return 1-based line, or 0 when the problem concerns the whole file.
     */
    public int line()
    {
        return line;
    }
}
