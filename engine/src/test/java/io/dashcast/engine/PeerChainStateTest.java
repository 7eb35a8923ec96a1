package io.dashcast.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a peer's chain state lets {@link SendPolicy} push, announce or hold: the rules Dash Core's
 * misbehaviour scoring sets (10 points per orphan block, 20 at every tenth unconnecting headers).
 */
class PeerChainStateTest
{
    private final SendPolicy policy = new SendPolicy(0, true, true);
    private final PeerChainState chain = new PeerChainState();

    @Test
    void shouldPushOneBlockBlindButNothingBehindItUntilThePeerConfirmsIt()
    {
        assertEquals(SendPolicy.PUSH_BLIND, policy.banMode(chain, hash(0)));
        chain.onPushed(hash(1), true, true);
        // Its child would be an orphan too if it was one: announce, do not push.
        assertEquals(SendPolicy.ANNOUNCE, policy.banMode(chain, hash(1)));
        assertFalse(chain.pushedContains(hash(1)));
        // The peer tells us it has it: its children go out.
        chain.add(hash(1));
        chain.onTipLearned();
        assertEquals(SendPolicy.PUSH, policy.banMode(chain, hash(1)));
    }

    @Test
    void shouldPushBehindABlockPushedWithAKnownParentAndTellFullFromCompact()
    {
        chain.add(hash(0));
        chain.onTipLearned();
        chain.onPushed(hash(1), false, false);
        assertEquals(SendPolicy.PUSH, policy.banMode(chain, hash(1)));
        assertTrue(chain.pushedContains(hash(1)));
        assertFalse(chain.pushedInFull(hash(1)), "only the compact form went out");
        chain.onPushed(hash(1), false, true);
        assertTrue(chain.pushedInFull(hash(1)));
    }

    @Test
    void shouldCountUnconnectingAnnouncementsFromTheLastOneThePeerAskedFor()
    {
        chain.onTipLearned();
        for (int i = 1; i <= SendPolicy.MAX_UNANSWERED_ANNOUNCEMENTS; i++)
        {
            assertEquals(SendPolicy.ANNOUNCE, policy.banMode(chain, hash(100)));
            chain.onAnnounced(hash(i));
        }
        assertEquals(SendPolicy.HOLD, policy.banMode(chain, hash(100)));
        // A block of ours connecting does not reset Dash Core's count: still hold.
        chain.onOurBlockConnected();
        assertEquals(SendPolicy.HOLD, policy.banMode(chain, hash(100)));
        // A getdata for the third: the three before it connected, those after may not have.
        chain.onGetData(new UnsafeBuffer(hash(3)), 0);
        assertEquals(SendPolicy.MAX_UNANSWERED_ANNOUNCEMENTS - 3, chain.unansweredAnnouncements());
        // A getdata for something we never announced changes nothing.
        chain.onGetData(new UnsafeBuffer(hash(99)), 0);
        assertEquals(SendPolicy.MAX_UNANSWERED_ANNOUNCEMENTS - 3, chain.unansweredAnnouncements());
        assertEquals(SendPolicy.ANNOUNCE, policy.banMode(chain, hash(100)));
    }

    private static byte[] hash(final int n)
    {
        final byte[] hash = new byte[32];
        hash[0] = (byte)n;
        hash[31] = (byte)(n >> 8);
        hash[15] = 1;
        return hash;
    }
}
