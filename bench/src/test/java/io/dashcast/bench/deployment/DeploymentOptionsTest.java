package io.dashcast.bench.deployment;

import io.dashcast.engine.IdleMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentOptionsTest
{
    @Test
    void shouldReadOverridesAndTakeTheCaseFlagItself()
    {
        final DeploymentOptions o = DeploymentOptions.parse(new String[] {
            "--deployment", "--peers", "3", "--sizes", "1KiB,2MiB", "--ingress", "api,rpc", "--spacing-s", "30,150",
            "--no-load", "--idle", "backoff", "--child-opts", "-Xmx1g -XX:+UseSerialGC", "--runs", "2"});
        assertEquals(3, o.peers);
        assertEquals(List.of(1024, 2 * 1024 * 1024), o.sizes);
        assertEquals(List.of(Ingress.API, Ingress.RPC), o.ingresses);
        assertEquals(List.of(30.0, 150.0), o.spacingsS);
        assertFalse(o.load);
        assertEquals(IdleMode.BACKOFF, o.idleMode);
        assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC"), o.childOpts);
        assertEquals(2, o.runs);
        assertEquals(200, o.warmSamples, "untouched options keep their defaults");
    }

    @Test
    void shouldNameTheOptionAtFault()
    {
        assertMessage("--peers must be at least 1", "--peers", "0");
        assertMessage("--sizes takes sizes like", "--sizes", "huge");
        assertMessage("--idle takes busy-spin", "--idle", "nap");
        assertMessage("Unknown option", "--colour", "red");
        assertMessage("Missing required parameter", "--runs");
        assertTrue(DeploymentOptions.usage().contains("--rpc-keep-warm-ms"));
        assertTrue(DeploymentOptions.parse(new String[] {"--help"}).help);
    }

    private static void assertMessage(final String expected, final String... args)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> DeploymentOptions.parse(args));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
