package io.dashcast.tools.daemon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimestampedLinesTest
{
    @Test
    void shouldStampEveryLineOnceWhateverTheWrites()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Clock clock = Clock.fixed(Instant.parse("2026-12-06T13:59:01Z"), ZoneOffset.UTC);
        final PrintStream out = new PrintStream(new TimestampedLines(bytes, clock), true, StandardCharsets.UTF_8);
        out.print("MULTI-PEER ");
        out.println("BLOCK BROADCAST");
        out.print("  a\n  b\n");
        out.write('c');
        out.println();
        assertEquals("2026-12-06T13:59:01.000Z MULTI-PEER BLOCK BROADCAST\n" +
            "2026-12-06T13:59:01.000Z   a\n2026-12-06T13:59:01.000Z   b\n2026-12-06T13:59:01.000Z c\n",
            bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldStampTheDaemonLogThroughTheContext()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DaemonContext ctx = new DaemonContext().out(new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .fallback(false).rpcServer(false).sharedMemory(false)
            .dashd(new io.dashcast.engine.dashd.DashdRpcClient.Context().user("u").password("p"));
        ctx.conclude();
        ctx.out().println("dashcast: health: 6/6 peers ready");
        assertEquals(true, bytes.toString(StandardCharsets.UTF_8)
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z dashcast: health: 6/6 peers ready\n"),
            bytes.toString(StandardCharsets.UTF_8));
    }
}
