package io.dashcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;

/**
 * The peers configuration file (the seed's {@code conf/broadcast_peers.json} and its YAML twin):
 * the first input byte picks the syntax (even: JSON, odd: YAML), the rest is the file. Any text
 * either loads as a valid configuration or is refused with one {@code ConfigException} line naming
 * the file; see {@link ConfigFuzzing}.
 */
class ConfigFuzzTest
{
    private static final HangWatchdog WATCHDOG = new HangWatchdog("ConfigFuzzTest");

    static
    {
        // Chronicle Wire's first parse loads and instruments a few hundred classes: not a hang.
        ConfigFuzzing.warmUp();
    }

    @FuzzTest(maxDuration = "10s")
    void configFile(final byte[] data)
    {
        if (data.length < 1)
        {
            return;
        }
        ConfigFuzzing.parse(WATCHDOG, Arrays.copyOfRange(data, 1, data.length), (data[0] & 1) == 1);
    }
}
