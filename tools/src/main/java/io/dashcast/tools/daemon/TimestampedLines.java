package io.dashcast.tools.daemon;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Puts a UTC timestamp with milliseconds ({@code 2026-12-06T13:59:01.123Z }) at the start of every
 * line written through it, so each line of the daemon's log says when it happened, whatever writes
 * it (the submission summary, the health line, an error). Bytes pass through unchanged otherwise.
 */
public final class TimestampedLines extends FilterOutputStream
{
    private final Clock clock;
    private boolean atLineStart = true;

    /**
     * @param out   where the stamped lines go.
     * @param clock the time source.
     */
    public TimestampedLines(final OutputStream out, final Clock clock)
    {
        super(out);
        this.clock = clock;
    }

    /**
     * @param out where the stamped lines go.
     * @return an auto-flushing UTF-8 print stream that stamps each line.
     */
    public static PrintStream stamp(final PrintStream out)
    {
        return new PrintStream(new TimestampedLines(out, Clock.systemUTC()), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(final int b) throws IOException
    {
        if (atLineStart)
        {
            out.write(timestamp());
            atLineStart = false;
        }
        out.write(b);
        atLineStart = b == '\n';
    }

    @Override
    public synchronized void write(final byte[] b, final int off, final int len) throws IOException
    {
        int start = off;
        final int end = off + len;
        for (int i = off; i < end; i++)
        {
            if (atLineStart)
            {
                out.write(b, start, i - start);
                start = i;
                out.write(timestamp());
                atLineStart = false;
            }
            if (b[i] == '\n')
            {
                atLineStart = true;
            }
        }
        out.write(b, start, end - start);
    }

    private byte[] timestamp()
    {
        final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        final String text = DateTimeFormatter.ISO_INSTANT.format(now);
        // ISO_INSTANT drops a zero millisecond field; keep the width fixed for aligned logs.
        final String fixed = text.length() == 20 ? text.substring(0, 19) + ".000Z" : text;
        return (fixed + ' ').getBytes(StandardCharsets.US_ASCII);
    }
}
