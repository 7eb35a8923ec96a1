package io.dashcast.bench.harness;

import io.dashcast.engine.IdleMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HarnessOptionsTest
{
    @Test
    void shouldApplyTheQuickPreset()
    {
        final HarnessOptions o = HarnessOptions.parse(new String[] {"--quick"});
        assertEquals(List.of(1, 8, 20), o.peers);
        assertEquals(List.of(1024, 65536, 1048576), o.sizes);
        assertEquals(List.of(IdleMode.BUSY_SPIN, IdleMode.BACKOFF, IdleMode.BLOCKING_SELECT), o.idleModes);
        assertEquals(6, o.systems.size());
    }

    @Test
    void shouldApplyTheFullPresetThenOverrides()
    {
        final HarnessOptions o = HarnessOptions.parse(new String[] {
            "--full", "--peers", "2,64", "--sizes", "1KiB,2MiB,3000", "--systems", "dashcast,threads,threads-validating",
            "--idle", "select", "--loops", "1,cores", "--hop-delay-us", "50", "--samples", "7"});
        assertEquals(List.of(2, 64), o.peers);
        assertEquals(List.of(1024, 2 * 1024 * 1024, 3000), o.sizes);
        assertEquals(List.of(Contender.DASHCAST, Contender.THREAD_PER_PEER, Contender.THREAD_PER_PEER_VALIDATING), o.systems);
        assertEquals(List.of(IdleMode.BLOCKING_SELECT), o.idleModes);
        assertEquals(List.of(1, HarnessOptions.CORES), o.loops);
        assertEquals(50, o.hopDelayUs);
        assertEquals(7, o.samples);
    }

    @Test
    void shouldExplainBadOptions()
    {
        assertMessage("Missing required argument", "--peers", "2");
        assertMessage("--quick, --full are mutually exclusive", "--quick", "--full");
        assertMessage("'huge' is not a size", "--quick", "--sizes", "huge");
        assertMessage("4MiB is outside", "--quick", "--sizes", "4MiB");
        assertMessage("'zmq' is not one of", "--quick", "--systems", "zmq");
        assertMessage("'nap' is not one of", "--quick", "--idle", "nap");
        assertMessage("--peers", "--quick", "--peers", "0");
        assertMessage("must be at least 1", "--quick", "--peers", "0");
        assertMessage("Missing required parameter for option '--samples'", "--quick", "--samples");
        assertMessage("Unknown options: '--colour'", "--quick", "--colour", "red");
    }

    @Test
    void shouldNameEveryOptionInTheUsage()
    {
        final String usage = HarnessOptions.usage();
        for (final String option : List.of("--quick", "--full", "--peers", "--sizes", "--systems", "--idle", "--loops",
            "--samples", "--warmup", "--max-seconds", "--gap-us", "--hop-delay-us", "--out", "--help"))
        {
            assertTrue(usage.contains(option), option + " missing from\n" + usage);
        }
        assertTrue(HarnessOptions.parse(new String[] {"--help"}).help);
    }

    private static void assertMessage(final String expected, final String... args)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse(args));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    @Test
    void shouldLabelSizes()
    {
        assertEquals("1 KiB", HarnessOptions.sizeLabel(1024));
        assertEquals("2 MiB", HarnessOptions.sizeLabel(2 * 1024 * 1024));
        assertEquals("3000 B", HarnessOptions.sizeLabel(3000));
        assertEquals(64 * 1024, HarnessOptions.parseSize("64 KiB"));
    }
}
