package io.dashcast.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadBudgetTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldStartWithABurstAndRefillAtTheRate()
    {
        final UploadBudget budget = new UploadBudget(1_000_000);
        assertTrue(budget.isCapped());
        assertEquals(100_000, budget.available(5 * SECOND), "a tenth of a second's worth to start");
        budget.consume(100_000);
        assertEquals(0, budget.available(5 * SECOND));
        assertEquals(1_000, budget.available(5 * SECOND + SECOND / 1_000), "1 ms earns 1,000 bytes");
        budget.consume(600);
        assertEquals(400, budget.available(5 * SECOND + SECOND / 1_000));
        assertEquals(100_000, budget.available(9 * SECOND), "never more than the burst");
    }

    @Test
    void shouldCarryFractionsOfAByteOver()
    {
        final UploadBudget budget = new UploadBudget(10_000);
        assertEquals(UploadBudget.MIN_BURST_BYTES, budget.available(0));
        budget.consume(UploadBudget.MIN_BURST_BYTES);
        long total = 0;
        for (int i = 1; i <= 1000; i++)
        {
            // 50 µs steps earn half a byte each: 1,000 of them must add up to 500 bytes, not 0.
            final long now = i * 50_000L;
            total += budget.available(now);
            budget.consume(budget.available(now));
        }
        assertEquals(500, total);
    }

    @Test
    void shouldBeUnlimitedAtZero()
    {
        final UploadBudget none = new UploadBudget(0);
        assertFalse(none.isCapped());
        assertEquals(Long.MAX_VALUE, none.available(0));
        none.consume(1 << 30);
        assertEquals(Long.MAX_VALUE, none.available(0));
    }
}
