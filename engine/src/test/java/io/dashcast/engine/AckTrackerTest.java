package io.dashcast.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckTrackerTest
{
    private final AckTracker acks = new AckTracker();
    private final List<Long> acked = new ArrayList<>();

    @Test
    void shouldAckEveryEarlierBlockWithALaterPongExceptSupersededOnes()
    {
        acks.add(11, 5, 100);
        acks.add(12, 6, 200);
        acks.add(13, 7, 300);
        acks.supersede(6);
        assertEquals(5, acks.lowestSequence());
        assertTrue(acks.onPong(13, 400, (sequence, nowNs) -> acked.add(sequence)));
        assertEquals(List.of(5L, 7L), acked);
        assertTrue(acks.isEmpty());
        assertEquals(Long.MAX_VALUE, acks.lowestSequence());
    }

    @Test
    void shouldIgnoreAnUnknownPongAndTellWhenTheOldestIsOverdue()
    {
        acks.add(11, 5, 100);
        assertFalse(acks.onPong(99, 150, (sequence, nowNs) -> acked.add(sequence)));
        assertFalse(acks.isOverdue(200, 100));
        assertTrue(acks.isOverdue(201, 100));
    }

    @Test
    void shouldStopWhenTheListenerClearsTheTracker()
    {
        acks.add(11, 5, 100);
        acks.add(12, 6, 100);
        acks.onPong(12, 150, (sequence, nowNs) ->
        {
            acked.add(sequence);
            acks.clear();
        });
        assertEquals(List.of(5L), acked);
        assertTrue(acks.isEmpty());
    }

    @Test
    void shouldBeFullAtCapacity()
    {
        for (int i = 0; i < AckTracker.CAPACITY; i++)
        {
            assertFalse(acks.isFull());
            acks.add(i + 1, i, 0);
        }
        assertTrue(acks.isFull());
    }
}
