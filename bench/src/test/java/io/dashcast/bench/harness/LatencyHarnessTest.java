package io.dashcast.bench.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny whole run: every system, two peers, a few samples, receivers in their own JVM.
 */
class LatencyHarnessTest
{
    @Test
    @Timeout(60)
    void shouldMeasureEverySystemAndWriteTheResults(@TempDir final Path dir) throws Exception
    {
        final HarnessOptions options = HarnessOptions.parse(new String[] {
            "--quick", "--peers", "2", "--sizes", "4KiB", "--idle", "backoff", "--loops", "1",
            "--samples", "5", "--warmup", "2", "--max-seconds", "2", "--gap-us", "0", "--out", dir.toString()});
        options.warmupSeconds = 0.05;
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        final int status;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8))
        {
            System.setOut(capture);
            System.setErr(capture);
            status = LatencyHarness.run(options);
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        final String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("[6/6] N=2 4 KiB relay (hop delay 0 us): 5 samples"), output);
        assertTrue(output.contains("## Delivery: submit -> the last receiver has read the whole block (us)"), output);
        final String json = Files.readString(dir.resolve(ResultsReport.JSON_FILE));
        for (final String system : new String[] {"floor", "dashcast", "netty", "thread-per-peer", "thread-per-peer-validating", "relay"})
        {
            assertTrue(json.contains("{\"system\": \"" + system + "\""), system);
        }
        assertFalse(json.contains("\"samples\": 0"), json);
        assertTrue(Files.exists(dir.resolve(ResultsReport.CHART_FILE)));
        assertTrue(Files.exists(dir.resolve(ResultsReport.HGRM_DIR).resolve("N2-4_KiB-dashcast-backoff_x1-delivery.hgrm")));
    }
}
