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
        assertEquals(5, o.systems.size());
    }

    @Test
    void shouldApplyTheFullPresetThenOverrides()
    {
        final HarnessOptions o = HarnessOptions.parse(new String[] {
            "--full", "--peers", "2,64", "--sizes", "1KiB,2MiB,3000", "--systems", "dashcast,threads",
            "--idle", "select", "--loops", "1,cores", "--hop-delay-us", "50", "--samples", "7"});
        assertEquals(List.of(2, 64), o.peers);
        assertEquals(List.of(1024, 2 * 1024 * 1024, 3000), o.sizes);
        assertEquals(List.of(Contender.DASHCAST, Contender.THREAD_PER_PEER), o.systems);
        assertEquals(List.of(IdleMode.BLOCKING_SELECT), o.idleModes);
        assertEquals(List.of(1, HarnessOptions.CORES), o.loops);
        assertEquals(50, o.hopDelayUs);
        assertEquals(7, o.samples);
    }

    @Test
    void shouldExplainBadOptions()
    {
        assertMessage("give --quick or --full", "--peers", "2");
        assertMessage("give one of --quick and --full", "--quick", "--full");
        assertMessage("--sizes: 'huge' is not a size", "--quick", "--sizes", "huge");
        assertMessage("--sizes: 4MiB is outside", "--quick", "--sizes", "4MiB");
        assertMessage("--systems: 'zmq' is not one of", "--quick", "--systems", "zmq");
        assertMessage("--idle: 'nap' is not one of", "--quick", "--idle", "nap");
        assertMessage("--peers: must be at least 1", "--quick", "--peers", "0");
        assertMessage("unknown or incomplete option '--samples'", "--quick", "--samples");
        assertMessage("unknown option '--colour'", "--quick", "--colour", "red");
    }

    private static void assertMessage(final String expected, final String... args)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse(args));
        assertTrue(ex.getMessage().startsWith(expected), ex.getMessage());
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
