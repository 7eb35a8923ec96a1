package io.dashcast.bench.propagation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(5)
class PropagationMainTest
{
    @Test
    void shouldParseATypicalLineAndKeepTheModelDefaultsOfTheRest()
    {
        final PropagationMain.Options o = PropagationMain.Options.parse(
            "--relay", "full", "--ks", "4,1,2,2", "--seeds", "3", "--pool-order", "interleaved", "--targets", "random",
            "--latency-ms", "25.5", "--out", "t.md");

        assertEquals(PropagationModel.Relay.FULL, o.model.relay);
        assertArrayEquals(new int[] {1, 2, 4}, o.ks);
        assertEquals(3, o.seeds);
        assertEquals(PropagationModel.PoolOrder.INTERLEAVED, o.model.poolOrder);
        assertFalse(o.model.wellConnectedTargets);
        assertEquals(25.5, o.model.latencyMedianMs);
        assertEquals(Path.of("t.md"), o.out);
        assertEquals(5_000, o.model.nodes);
        assertEquals(PropagationModel.Push.FULL, o.model.push);
        assertEquals(1, o.seedBase);
        assertFalse(o.help);
    }

    @Test
    void shouldNameTheOptionOfABadValue()
    {
        final ParameterException relay = assertThrows(ParameterException.class,
            () -> PropagationMain.Options.parse("--relay", "fast"));
        assertEquals("Invalid value for option '--relay': must be one of [compact, full], not 'fast'", relay.getMessage());

        final ParameterException nodes = assertThrows(ParameterException.class,
            () -> PropagationMain.Options.parse("--nodes", "many"));
        assertTrue(nodes.getMessage().contains("'--nodes'"), nodes.getMessage());

        final ParameterException ks = assertThrows(ParameterException.class,
            () -> PropagationMain.Options.parse("--ks", "0,2"));
        assertTrue(ks.getMessage().startsWith("--ks needs positive counts"), ks.getMessage());

        assertThrows(ParameterException.class, () -> PropagationMain.Options.parse("--nodez", "5"));
    }

    @Test
    void shouldListEveryOptionInTheUsage()
    {
        final String usage = PropagationMain.Options.usage();

        assertTrue(usage.startsWith("usage: bench/propagation.sh [options]"), usage);
        assertTrue(usage.contains("--pool-order sequential|interleaved"), usage);
        assertTrue(usage.contains("--nodes N"), usage);
        assertTrue(PropagationMain.Options.parse("--help").help);
    }
}
