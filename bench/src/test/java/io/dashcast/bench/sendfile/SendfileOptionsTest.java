package io.dashcast.bench.sendfile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendfileOptionsTest
{
    @Test
    void shouldReadOptionsOverDefaults()
    {
        final SendfileBenchmark.Options o = SendfileBenchmark.Options.parse(new String[] {
            "--sizes", "1024,2048", "--peers", "3", "--seconds", "1.5", "--dir", System.getProperty("java.io.tmpdir")});
        assertArrayEquals(new int[] {1024, 2048}, o.sizes);
        assertArrayEquals(new int[] {3}, o.peers);
        assertEquals(1.5, o.seconds);
        assertEquals(2.0, o.warmupSeconds);
    }

    @Test
    void shouldNameTheOptionAtFault()
    {
        assertMessage("--peers values must be in 1..1024", "--peers", "0");
        assertMessage("--seconds must be in 0..600", "--seconds", "601");
        assertMessage("'x'", "--sizes", "x");
        assertMessage("Unknown option", "--colour");
        assertMessage("is not a directory", "--dir", "/nonexistent-dashcast-dir");
        assertTrue(SendfileBenchmark.Options.usage().contains("--warmup-seconds"));
    }

    private static void assertMessage(final String expected, final String... args)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SendfileBenchmark.Options.parse(args));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
