package io.dashcast.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keep-alive schedule: a ping at READY (the round trip is known at once), a few a second apart
 * (a first sample taken while the process was busy starting is soon replaced), then one per interval;
 * never a second one while a pong is outstanding.
 */
class PeerPingsTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long INTERVAL = 30 * SECOND;

    @Test
    void shouldPingAtReadyThenEverySecondForTheEarlyPingsThenEveryInterval()
    {
        final PeerPings pings = new PeerPings(INTERVAL, 60 * SECOND, 7);
        final long ready = 1_000 * SECOND;
        pings.onReady(ready);
        long now = ready;
        for (int i = 0; i <= PeerPings.EARLY_PINGS; i++)
        {
            final long nonce = pings.keepaliveDue(now);
            assertNotEquals(0, nonce, "ping " + i + " due");
            assertEquals(0, pings.keepaliveDue(now + 2 * SECOND), "one outstanding at a time");
            answer(pings, nonce, now + 250_000);
            assertEquals(250_000, metrics.lastRttNs, "round trip of ping " + i);
            assertEquals(0, pings.keepaliveDue(now + SECOND - 1), "not before a second");
            now += SECOND;
        }
        // The early pings are done: the next waits the interval.
        final long last = now - SECOND;
        assertEquals(0, pings.keepaliveDue(now));
        assertEquals(0, pings.keepaliveDue(last + INTERVAL - 1));
        assertNotEquals(0, pings.keepaliveDue(last + INTERVAL));
    }

    @Test
    void shouldStartTheEarlyPingsOverOnEveryNewConnection()
    {
        final PeerPings pings = new PeerPings(INTERVAL, 60 * SECOND, 7);
        pings.onReady(0);
        answer(pings, pings.keepaliveDue(0), 1);
        pings.reset();
        pings.onReady(5 * SECOND);
        assertNotEquals(0, pings.keepaliveDue(5 * SECOND), "a ping at the new READY");
    }

    private final PeerEndpoint peer = PeerEndpoint.of("127.0.0.1", 1, PeerPriority.NORMAL);
    private final PeerMetrics metrics = new PeerMetrics(peer, new BroadcasterContext().addPeer(peer).conclude(), 0);

    private void answer(final PeerPings pings, final long nonce, final long nowNs)
    {
        assertTrue(pings.onPong(nonce, nowNs, new PeerChainState(), metrics), "our keep-alive nonce");
    }
}
