package io.dashcast.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SendPolicy}'s decisions, one rule at a time.
 */
class SendPolicyTest
{
    private static final int FULL = 1_000_000;
    private static final int COMPACT = 30_000;
    private static final long RTT = 20_000_000L;

    @Test
    void shouldAnnounceOnlyTheHeaderWhenThePeerLacksTheParentWhateverElseHolds()
    {
        final SendPolicy policy = new SendPolicy(100, true);
        assertEquals(SendReason.PARENT_UNKNOWN, policy.decide(false, 1, true, RTT, FULL, COMPACT));
        assertEquals(FrameKind.HEADER_ONLY, SendReason.PARENT_UNKNOWN.frameKind());
    }

    @Test
    void shouldSendFullBlocksToPeersWithoutCompactBlocksOrWhenTheBlockHasNone()
    {
        final SendPolicy policy = new SendPolicy(100, true);
        assertEquals(SendReason.NO_COMPACT_SUPPORT, policy.decide(true, 0, true, RTT, FULL, COMPACT));
        assertEquals(SendReason.NO_COMPACT_SUPPORT, policy.decide(true, 2, false, RTT, FULL, COMPACT));
        assertEquals(SendReason.COMPACT_UNAVAILABLE, policy.decide(true, 1, true, RTT, FULL, -1));
        assertEquals(SendReason.NO_COMPACT_SUPPORT, new SendPolicy(100, false).decide(true, 1, true, RTT, FULL, COMPACT));
    }

    @Test
    void shouldAlwaysSendOurOwnDashdACompactBlock()
    {
        assertEquals(SendReason.OWN_NODE, new SendPolicy(0, true).decide(true, 1, true, 0, 500, 400));
        assertEquals(FrameKind.COMPACT_BLOCK, SendReason.OWN_NODE.frameKind());
    }

    /**
     * Was: full blocks whenever no uplink budget is set (UNLIMITED_UPLINK). A peer that rebuilds a
     * compact block from its mempool has the block a full block's transfer sooner, so with no
     * budget the choice now follows what the peer's getblocktxn history says.
     */
    @Test
    void shouldSendCompactBlocksWithoutABudgetToPeersLikelyToReconstruct()
    {
        final SendPolicy policy = new SendPolicy(0, true);
        assertEquals(SendReason.LIKELY_RECONSTRUCTS, policy.decide(true, 1, false, RTT, FULL, COMPACT));
        assertEquals(SendReason.LIKELY_RECONSTRUCTS, policy.decide(true, 1, false, true, RTT, FULL, COMPACT));
        assertEquals(SendReason.RECONSTRUCTION_UNLIKELY, policy.decide(true, 1, false, false, RTT, FULL, COMPACT));
        assertEquals(FrameKind.FULL_BLOCK, SendReason.RECONSTRUCTION_UNLIKELY.frameKind());
        assertEquals(SendReason.OWN_NODE, policy.decide(true, 1, true, false, RTT, FULL, COMPACT));
        assertEquals(SendReason.NO_COMPACT_SUPPORT, policy.decide(true, 0, false, true, RTT, FULL, COMPACT));
    }

    @Test
    void shouldLearnFromGetBlockTxnWhetherAPeerReconstructs()
    {
        final CompactHistory history = new CompactHistory();
        long sequence = 0;
        assertTrue(history.likelyReconstructs(), "no history: try compact");
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS, ++sequence);
        history.onNotRebuilt(sequence);
        assertFalse(history.likelyReconstructs(), "asked for 1 of 1");
        for (int i = 0; i < CompactHistory.PROBE_EVERY - 1; i++)
        {
            assertFalse(history.likelyReconstructs());
            history.onDecided(SendReason.RECONSTRUCTION_UNLIKELY, ++sequence);
        }
        assertTrue(history.likelyReconstructs(), "a probe every " + CompactHistory.PROBE_EVERY + " blocks");
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS, ++sequence);
        assertTrue(history.likelyReconstructs(), "asked for 1 of 2");
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS, ++sequence);
        history.onNotRebuilt(sequence);
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS, ++sequence);
        history.onNotRebuilt(sequence);
        assertFalse(history.likelyReconstructs(), "asked for 3 of 4");
        for (int i = 0; i < CompactHistory.WINDOW; i++)
        {
            history.onDecided(SendReason.OWN_NODE, ++sequence);
        }
        assertTrue(history.likelyReconstructs(), "the old requests left the window");
    }

    /**
     * Dash Core v22.1.1 asked for the whole block of one compact block after the next had gone out
     * (its block download, after the pong): the request counts against the block it names.
     */
    @Test
    void shouldCountALateRequestAgainstTheBlockItNames()
    {
        final CompactHistory history = new CompactHistory();
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS, 10);
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS, 11);
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS, 12);
        history.onNotRebuilt(12);
        history.onNotRebuilt(12);
        assertTrue(history.likelyReconstructs(), "one block asked twice: 1 of 3");
        history.onNotRebuilt(11);
        assertFalse(history.likelyReconstructs(), "block 11 asked after block 12 went out: 2 of 3");
        final CompactHistory other = new CompactHistory();
        other.onDecided(SendReason.LIKELY_RECONSTRUCTS, 20);
        other.onNotRebuilt(19);
        other.onDecided(SendReason.RECONSTRUCTION_UNLIKELY, 21);
        other.onNotRebuilt(21);
        assertTrue(other.likelyReconstructs(), "a block not sent compact, or not remembered, counts nothing");
    }

    @Test
    void shouldWeighTheUplinkTimeSavedAgainstARoundTrip()
    {
        final SendPolicy policy = new SendPolicy(100, true);
        // 970,000 bytes at 100 Mbit/s: 77.6 ms saved.
        assertEquals(77_600_000L, policy.savedNs(FULL, COMPACT));
        assertEquals(SendReason.UPLINK_SAVING, policy.decide(true, 1, false, RTT, FULL, COMPACT));
        assertEquals(SendReason.ROUND_TRIP_COSTLIER, policy.decide(true, 1, false, 80_000_000L, FULL, COMPACT));
        // A small block saves 0.8 ms: not worth the 20 ms round trip it may cost.
        assertEquals(SendReason.ROUND_TRIP_COSTLIER, policy.decide(true, 1, false, RTT, 12_000, 2_000));
        // Unmeasured RTT: assume 50 ms.
        assertEquals(SendReason.UPLINK_SAVING, policy.decide(true, 1, false, 0, FULL, COMPACT));
        assertEquals(SendReason.ROUND_TRIP_COSTLIER, policy.decide(true, 1, false, 0, 500_000, COMPACT));
        // On a 1 Gbit/s uplink the same megabyte saves only 7.8 ms.
        assertEquals(SendReason.ROUND_TRIP_COSTLIER, new SendPolicy(1000, true).decide(true, 1, false, RTT, FULL, COMPACT));
    }

    @Test
    void shouldRefuseANegativeBudget()
    {
        assertThrows(IllegalArgumentException.class, () -> new SendPolicy(-1, true));
    }
}
