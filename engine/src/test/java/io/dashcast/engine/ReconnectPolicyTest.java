package io.dashcast.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectPolicyTest
{
    private static final long MS = 1_000_000L;

    @Test
    void shouldBackOffExponentiallyWithJitterCappedByTheMaxDelay()
    {
        final ReconnectPolicy policy = new ReconnectPolicy(100 * MS, 1_000 * MS, 5, 60_000 * MS, false, 7);
        long previousBase = 0;
        for (int i = 1; i <= 30; i++)
        {
            final long base = Math.min(1_000 * MS, (100 * MS) << Math.min(i - 1, 20));
            final long delay = policy.onFailure(false);
            assertTrue(delay >= base / 2 && delay <= base, "attempt " + i + ": " + delay);
            assertTrue(base >= previousBase);
            previousBase = base;
        }
        assertFalse(policy.circuitOpen(), "refused connections never open the breaker");
        assertEquals(30, policy.consecutiveFailures());
    }

    @Test
    void shouldOpenTheBreakerOnlyAfterRepeatedHandshakeFailures()
    {
        final ReconnectPolicy policy = new ReconnectPolicy(100 * MS, 1_000 * MS, 3, 60_000 * MS, false, 1);
        policy.onFailure(false);
        policy.onFailure(true);
        policy.onFailure(false);
        assertFalse(policy.circuitOpen());
        policy.onFailure(true);
        assertFalse(policy.circuitOpen());
        assertEquals(60_000 * MS, policy.onFailure(true));
        assertTrue(policy.circuitOpen());
        assertTrue(policy.justOpened());
        assertEquals(60_000 * MS, policy.onFailure(false), "stays open until a handshake succeeds");
        assertFalse(policy.justOpened());

        policy.onReady();
        assertFalse(policy.circuitOpen());
        assertEquals(0, policy.consecutiveFailures());
        assertTrue(policy.onFailure(true) <= 100 * MS);
    }

    @Test
    void shouldNeverHoldACriticalPeerOffLongerThanTheMaxDelay()
    {
        final ReconnectPolicy policy = new ReconnectPolicy(100 * MS, 2_000 * MS, 1, 60_000 * MS, true, 3);
        assertEquals(2_000 * MS, policy.onFailure(true));
        assertTrue(policy.circuitOpen());
    }

    @Test
    void shouldDrawTheSameJitterForTheSameSeed()
    {
        final ReconnectPolicy a = new ReconnectPolicy(100 * MS, 1_000 * MS, 5, 60_000 * MS, false, 42);
        final ReconnectPolicy b = new ReconnectPolicy(100 * MS, 1_000 * MS, 5, 60_000 * MS, false, 42);
        for (int i = 0; i < 10; i++)
        {
            assertEquals(a.onFailure(false), b.onFailure(false));
        }
    }
}
