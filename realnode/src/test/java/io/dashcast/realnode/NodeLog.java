package io.dashcast.realnode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real node's debug.log read from a mark onwards. With {@code -logtimemicros} every line starts
 * with an ISO-8601 UTC time in microseconds, the same wall clock a test on this host reads.
 */
final class NodeLog
{
    /** One line and its time. */
    record Line(Instant time, String text)
    {
    }

    private final Path path;
    private long mark;

    NodeLog(final Path path)
    {
        this.path = path;
        mark();
    }

    /** Forget everything logged so far. */
    NodeLog mark()
    {
        try
        {
            mark = Files.exists(path) ? Files.size(path) : 0;
        }
        catch (final IOException ex)
        {
            mark = 0;
        }
        return this;
    }

    /** Lines logged since the mark. */
    List<Line> lines()
    {
        final List<Line> lines = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r"))
        {
            final long length = file.length();
            final byte[] bytes = new byte[(int)Math.max(0, length - mark)];
            file.seek(Math.min(mark, length));
            file.readFully(bytes);
            for (final String text : new String(bytes, StandardCharsets.ISO_8859_1).split("\n"))
            {
                lines.add(new Line(parseTime(text), text));
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return lines;
    }

    /** Lines since the mark that contain {@code text}. */
    List<Line> grep(final String text)
    {
        return lines().stream().filter(l -> l.text().contains(text)).toList();
    }

    /** The first line since the mark containing {@code text}, or null. */
    Line first(final String text)
    {
        return lines().stream().filter(l -> l.text().contains(text)).findFirst().orElse(null);
    }

    private static Instant parseTime(final String line)
    {
        final int space = line.indexOf(' ');
        if (space < 20)
        {
            return null;
        }
        try
        {
            return Instant.parse(line.substring(0, space));
        }
        catch (final RuntimeException notATime)
        {
            return null;
        }
    }
}
