package io.dashcast.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacedSendsTest
{
    private final List<String> started = new ArrayList<>();

    @Test
    void shouldSpaceBigFramesAtTheLoopsShareOfTheLineRate()
    {
        final PacedSends paced = new PacedSends(100, 2);
        assertEquals(0, paced.spacingNs(PacedSends.MIN_FRAME_BYTES - 1), "small blocks are not paced");
        assertEquals(1_000_000L * 8 * 1_000 * 2 / 100, paced.spacingNs(1_000_000));
        assertEquals(0, new PacedSends(0, 1).spacingNs(1_000_000), "no budget, no pacing");
    }

    @Test
    void shouldStartEachWriteAtItsTimeInOrderAndSkipCancelledOnes()
    {
        final PacedSends paced = new PacedSends(100, 1);
        paced.add(1, 10, 1_000);
        paced.add(2, 11, 2_000);
        paced.add(3, 10, 3_000);
        assertEquals(10, paced.lowestSequence());
        assertEquals(0, paced.poll(999, this::start));
        assertEquals(1, paced.poll(1_000, this::start));
        paced.cancel(10);
        assertEquals(11, paced.lowestSequence());
        assertEquals(1, paced.poll(5_000, this::start));
        assertEquals(List.of("1@10", "2@11"), started);
        assertTrue(paced.isEmpty());
    }

    private void start(final int peer, final long sequence)
    {
        started.add(peer + "@" + sequence);
    }
}
