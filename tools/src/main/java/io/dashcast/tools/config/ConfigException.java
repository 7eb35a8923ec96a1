package io.dashcast.tools.config;

/**
 * A configuration file is wrong. The message is one line naming the file, the line, the key and
 * the fix: {@code FILE:LINE: key 'x' ...: fix: ...}. No stack trace is filled in: a bad file is an
 * expected outcome, reported to the user as is.
 */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    /** Longest part (problem, fix) of a message, in characters. */
    static final int MAX_PART_CHARS = 400;

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
        super(printable(file) + (line > 0 ? ":" + line : "") + ": " + printable(problem) + ": fix: " + printable(fix),
            null, false, false);
        this.file = file;
        this.line = line;
    }

    /**
     * Keys and values quoted from the file may hold any character: line breaks would break the
     * one-line contract (found by fuzzing: a YAML key spanning lines), terminal escapes would reach
     * the user's terminal. Control characters are escaped and each part is capped in length.
     *
     * @param text a part of the message.
     * @return it with control characters escaped (backslash-n, backslash-t, backslash-u and 4 hex digits), at most
     *     {@link #MAX_PART_CHARS} characters.
     */
    static String printable(final String text)
    {
        if (text == null)
        {
            return "null";
        }
        final StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_PART_CHARS) + 8);
        for (int i = 0; i < text.length() && sb.length() < MAX_PART_CHARS; i++)
        {
            final char c = text.charAt(i);
            if (c == '\n')
            {
                sb.append("\\n");
            }
            else if (c == '\r')
            {
                sb.append("\\r");
            }
            else if (c == '\t')
            {
                sb.append("\\t");
            }
            else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029')
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_PART_CHARS && text.length() > MAX_PART_CHARS)
        {
            sb.setLength(MAX_PART_CHARS);
            sb.append("...");
        }
        return sb.toString();
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
