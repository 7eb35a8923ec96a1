package io.dashcast.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The once-per-block memory keeps every submission's receipt (one result per peer), so it must
 * stay bounded however long the daemon runs (issue 10 soak: it filled at 1,024 blocks).
 */
class SeenBlocksTest
{
    private static Submission submission(final int i)
    {
        return new Submission("block-" + i, 100, i, null, null, null,
            CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null));
    }

    private static byte[] hash(final int i)
    {
        final byte[] hash = new byte[32];
        hash[0] = (byte)i;
        hash[1] = (byte)(i >> 8);
        hash[2] = (byte)(i >> 16);
        return hash;
    }

    @Test
    void shouldForgetTheOldestBeyondItsCapacityAndStayBounded()
    {
        final SeenBlocks seen = new SeenBlocks(64);
        final Submission first = submission(0);
        assertNull(seen.putIfAbsent(hash(0), first));
        assertSame(first, seen.putIfAbsent(hash(0), submission(0)), "a repeat gets the first submission");
        for (int i = 1; i < 10_000; i++)
        {
            assertNull(seen.putIfAbsent(hash(i), submission(i)));
        }
        assertEquals(64, seen.size());
        assertNull(seen.putIfAbsent(hash(0), submission(0)), "the oldest was forgotten");
        assertNotNull(seen.putIfAbsent(hash(9_999), submission(9_999)), "the newest is remembered");
    }

    @Test
    void shouldStayBoundedWhenSubmissionsAreForgottenAndRepeated()
    {
        final SeenBlocks seen = new SeenBlocks(16);
        for (int i = 0; i < 1_000; i++)
        {
            final Submission s = submission(i);
            seen.putIfAbsent(hash(i % 40), s);
            if (i % 3 == 0)
            {
                seen.forget(hash(i % 40), s);
            }
        }
        assertEquals(true, seen.size() <= 16, "size " + seen.size());
    }
}
