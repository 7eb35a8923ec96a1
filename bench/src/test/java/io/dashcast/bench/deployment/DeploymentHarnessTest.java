package io.dashcast.bench.deployment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny deployment run: two peers, every ingress and the floor, one first-block JVM, one spaced
 * and a few warm blocks each. Asserts that it runs and that every figure is there and positive;
 * never how fast anything is.
 */
class DeploymentHarnessTest
{
    private static final Pattern MEDIAN = Pattern.compile("\"medianP50Us\": ([^,]+),");

    @Test
    @Timeout(120)
    void shouldMeasureEveryIngressColdSpacedAndWarm(@TempDir final Path dir) throws Exception
    {
        final DeploymentOptions options = DeploymentOptions.parse(new String[] {
            "--peers", "2", "--sizes", "4KiB", "--spacing-s", "0.2", "--spaced-samples", "1", "--first-samples", "1",
            "--first-delay-ms", "0", "--warm-samples", "5", "--warmup", "2", "--gap-us", "0", "--runs", "1",
            "--warm-up", "20", "--keep-warm-ms", "50", "--out", dir.toString()});
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        final int status;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8))
        {
            System.setOut(capture);
            System.setErr(capture);
            status = DeploymentHarness.run(options);
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        final String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("## Delivery: the last receiver has read the whole block"), output);
        final String json = Files.readString(dir.resolve(DeploymentReport.JSON_FILE));
        for (final String ingress : new String[] {"floor", "api", "shm", "rpc"})
        {
            for (final String phase : new String[] {"first", "spaced 0.2 s", "warm"})
            {
                assertTrue(json.contains("\"ingress\": \"" + ingress + "\", \"blockBytes\": 4096, \"phase\": \"" + phase + "\""),
                    ingress + " " + phase + ": " + json);
            }
        }
        assertFalse(json.contains("\"samples\": 0"), json);
        assertFalse(json.contains("failure"), json);
        final Matcher m = MEDIAN.matcher(json);
        int figures = 0;
        while (m.find())
        {
            assertTrue(Double.parseDouble(m.group(1)) > 0, json);
            figures++;
        }
        assertEquals(4 * 3 * 4, figures);
        assertTrue(Files.list(dir.resolve(DeploymentReport.HGRM_DIR)).findAny().isPresent());
    }
}
