package io.dashcast.bench.realnet;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealnetOptionsTest
{
    @Test
    void shouldKeepDefaultsAndReadOverrides()
    {
        final RealnetMain.Options defaults = RealnetMain.Options.parse();
        assertEquals(8, defaults.nodes);
        assertEquals(List.of("tiny"), defaults.kinds);
        assertNull(defaults.uplinkMbps);
        final RealnetMain.Options o = RealnetMain.Options.parse("--nodes", "9", "--kinds", "tiny,seen", "--cap-mbps", "100");
        assertEquals(9, o.nodes);
        assertEquals(List.of("tiny", "seen"), o.kinds);
        assertEquals(100, o.capMbps);
    }

    @Test
    void shouldRefuseWhatTheOldParserTookSilently()
    {
        assertTrue(assertThrows(ParameterException.class, () -> RealnetMain.Options.parse("--node", "9"))
            .getMessage().contains("Unknown option"));
        assertTrue(assertThrows(ParameterException.class, () -> RealnetMain.Options.parse("--kinds", "huge"))
            .getMessage().contains("'huge' is not one of"));
        assertTrue(assertThrows(ParameterException.class, () -> RealnetMain.Options.parse("--nodes", "1"))
            .getMessage().contains("--nodes >= 2"));
    }
}
