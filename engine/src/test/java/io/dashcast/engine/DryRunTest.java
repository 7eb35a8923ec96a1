package io.dashcast.engine;

import io.dashcast.protocol.Network;
import io.dashcast.sim.TestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Broadcaster#dryRun} gives submitAll's verdict and touches nothing: no slot, no counter, no seen mark.
 */
@Timeout(30)
class DryRunTest
{
    @Test
    void shouldGiveSubmitsVerdictWithoutSubmitting()
    {
        try (Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST).loopCount(1)
            .maxBlockBytes(2 * 1024 * 1024).threadNamePrefix("dry-run-test-")))
        {
            for (final int bytes : new int[] {1024, 64 * 1024, 1024 * 1024})
            {
                final byte[] block = Broadcaster.warmUpBlock(bytes);
                assertTrue(block.length >= bytes);
                assertPassed(broadcaster.dryRun(block), "warm-up block of " + bytes);
            }
            final byte[] good = TestBlocks.chain(Network.REGTEST, 1).get(0);
            assertPassed(broadcaster.dryRun(good), "a chain block");
            // Dry runs mark nothing as seen: the same block submitted for real is not a duplicate.
            assertPassed(broadcaster.dryRun(good), "the same block again");
            assertEquals("bad-txnmrklroot", broadcaster.dryRun(TestBlocks.withBadMerkleRoot(good)).rejectReason());
            assertEquals("bad-blk-length", broadcaster.dryRun(Arrays.copyOf(good, good.length - 3)).rejectReason());
            assertEquals("high-hash", broadcaster.dryRun(TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0)
                .invalidProofOfWork().build()).rejectReason());
            final byte[] large = Broadcaster.warmUpBlock(2 * 1024 * 1024 + 1);
            final Submission tooLarge = broadcaster.dryRun(large);
            assertNull(tooLarge.rejectReason());
            assertEquals(Broadcaster.describe(Broadcaster.TOO_LARGE), tooLarge.p2pRefusal());
            assertEquals(0, broadcaster.stats().blocksSubmitted());
            assertEquals(0, broadcaster.stats().blocksRejected());
            assertFalse(broadcaster.submitAll(good).duplicate());
        }
    }

    @Test
    void shouldTakeTheFirstLengthBytesAndRefuseALengthOutsideTheArray()
    {
        try (Broadcaster broadcaster = Broadcaster.launch(new BroadcasterContext().network(Network.REGTEST).loopCount(1)
            .threadNamePrefix("dry-run-range-test-")))
        {
            final byte[] good = TestBlocks.chain(Network.REGTEST, 1).get(0);
            // A decode buffer longer than the block: only its first bytes are the block.
            final byte[] longer = Arrays.copyOf(good, good.length + 100);
            Arrays.fill(longer, good.length, longer.length, (byte)0x5a);
            assertPassed(broadcaster.dryRun(longer, good.length), "the block at the head of a longer array");
            final IllegalArgumentException beyond =
                assertThrows(IllegalArgumentException.class, () -> broadcaster.dryRun(good, good.length + 1));
            assertTrue(beyond.getMessage().contains("outside the array"), beyond.getMessage());
            assertThrows(IllegalArgumentException.class, () -> broadcaster.dryRun(good, -1));
        }
    }

    private static void assertPassed(final Submission submission, final String what)
    {
        assertNull(submission.rejectReason(), what);
        assertTrue(submission.done().isDone(), what);
        assertNull(submission.receipt(), what);
        assertNull(submission.rpcResult(), what);
        assertFalse(submission.duplicate(), what);
        assertEquals(64, submission.hash().length(), what);
        assertTrue(submission.p2pRefusal().startsWith("dry run"), what);
    }
}
