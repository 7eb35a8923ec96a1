package io.dashcast.engine;

import io.dashcast.protocol.Network;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BroadcasterErrorsTest
{
    @Test
    void shouldCountEveryErrorAndLogEachDistinctOneOnceWithItsCount()
    {
        final List<Throwable> told = new ArrayList<>();
        final BroadcasterErrors errors = new BroadcasterErrors(64 * 1024, new CachedEpochClock(), told::add);
        final IllegalStateException same = new IllegalStateException("loop failed");
        errors.onError(same);
        errors.onError(same);
        errors.onError(new IllegalArgumentException("other"));
        assertEquals(3, errors.count());
        assertEquals(3, told.size());
        final List<String> distinct = new ArrayList<>();
        assertEquals(2, errors.read((count, first, last, text) -> distinct.add(count + " " + text.lines().findFirst().orElse(""))));
        assertTrue(distinct.contains("2 java.lang.IllegalStateException: loop failed"), distinct::toString);
    }

    @Test
    void shouldRecordAListenerThatThrowsAndKeepBroadcasting() throws Exception
    {
        final ManualClock clock = new ManualClock(1_000);
        try (Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext()
            .network(Network.REGTEST)
            .threadingMode(ThreadingMode.INVOKER)
            .nanoClock(clock)
            .receiptListener(r ->
            {
                throw new IllegalStateException("listener bug");
            })))
        {
            assertTrue(broadcaster.submit(io.dashcast.sim.TestBlocks.genesis(Network.REGTEST)) >= 0);
            broadcaster.invoker().invoke();
            assertEquals(1, broadcaster.errorCount());
            final List<String> texts = new ArrayList<>();
            broadcaster.readErrors((count, first, last, text) -> texts.add(text));
            assertTrue(texts.get(0).startsWith("java.lang.IllegalStateException: listener bug"), texts::toString);
            assertTrue(broadcaster.submit(io.dashcast.sim.TestBlocks.genesis(Network.REGTEST)) >= 0);
            broadcaster.invoker().invoke();
            assertEquals(2, broadcaster.stats().blocksCompleted());
        }
    }
}
