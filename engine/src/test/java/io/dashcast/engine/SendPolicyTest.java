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
        assertTrue(history.likelyReconstructs(), "no history: try compact");
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS);
        history.onNotRebuilt();
        assertFalse(history.likelyReconstructs(), "asked for 1 of 1");
        for (int i = 0; i < CompactHistory.PROBE_EVERY - 1; i++)
        {
            assertFalse(history.likelyReconstructs());
            history.onDecided(SendReason.RECONSTRUCTION_UNLIKELY);
        }
        assertTrue(history.likelyReconstructs(), "a probe every " + CompactHistory.PROBE_EVERY + " blocks");
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS);
        assertTrue(history.likelyReconstructs(), "asked for 1 of 2");
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS);
        history.onNotRebuilt();
        history.onDecided(SendReason.LIKELY_RECONSTRUCTS);
        history.onNotRebuilt();
        assertFalse(history.likelyReconstructs(), "asked for 3 of 4");
        for (int i = 0; i < CompactHistory.WINDOW; i++)
        {
            history.onDecided(SendReason.OWN_NODE);
        }
        assertTrue(history.likelyReconstructs(), "the old requests left the window");
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
