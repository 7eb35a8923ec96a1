package io.dashcast.tools.daemon;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadyGateTest
{
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger ready = new AtomicInteger();
    private final CachedNanoClock clock = new CachedNanoClock();
    private final Agent counting = new Agent()
    {
        public int doWork()
        {
            return runs.incrementAndGet();
        }

        public String roleName()
        {
            return "counting";
        }
    };

    @Test
    void shouldHoldTheQueueUntilEveryPeerIsReady() throws Exception
    {
        final ReadyGate gate = new ReadyGate(counting, ready::get, 3, clock, 5_000_000_000L);
        ready.set(2);
        assertEquals(0, gate.doWork());
        assertFalse(gate.isOpen());
        ready.set(3);
        assertEquals(1, gate.doWork());
        ready.set(0);
        assertEquals(2, gate.doWork(), "once open it stays open whatever the peers do");
    }

    @Test
    void shouldOpenAtTheDeadlineWithoutPeers() throws Exception
    {
        final ReadyGate gate = new ReadyGate(counting, ready::get, 3, clock, 5_000_000_000L);
        clock.update(4_999_999_999L);
        assertEquals(0, gate.doWork());
        clock.update(5_000_000_000L);
        gate.doWork();
        assertTrue(gate.isOpen());
        assertEquals(1, runs.get());
    }
}
