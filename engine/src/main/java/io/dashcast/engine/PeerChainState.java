package io.dashcast.engine;

import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * What we know of one peer's chain: the last {@value #CAPACITY} block hashes it is known to have
 * (announced to us in {@code headers} or {@code inv}, parents of announced headers, or blocks it
 * acknowledged). Used for ban safety: Dash Core scores an unsolicited block whose parent it lacks
 * with 10 points ({@code net_processing.cpp}, "prev-blk-not-found"), so a block is pushed only
 * to peers not known to lack its parent.
 * <p>
 * Owned by the peer's broadcast loop thread; allocation-free after construction.
 */
final class PeerChainState
{
    static final int CAPACITY = 64;

    private final byte[] hashes = new byte[CAPACITY * 32];
    private int count;
    private int next;
    private boolean tipLearned;
    private final byte[] pushed = new byte[CAPACITY * 32];
    private final boolean[] pushedFull = new boolean[CAPACITY];
    private int pushedCount;
    private int pushedNext;
    private int blindPushes;
    private final byte[] announced = new byte[CAPACITY * 32];
    private final long[] announcedOrdinal = new long[CAPACITY];
    private long announcements;
    private long connectedAnnouncement;

    void reset()
    {
        count = 0;
        next = 0;
        tipLearned = false;
        pushedCount = 0;
        pushedNext = 0;
        blindPushes = 0;
        announcements = 0;
        connectedAnnouncement = 0;
        Arrays.fill(announcedOrdinal, 0);
    }

    /**
     * Remember a block pushed on this connection and not yet confirmed: its children connect if it
     * does, since Dash Core handles a peer's messages in order. A blind push (the peer's tip
     * unknown) is not remembered as a parent: it may be an orphan there, and every child pushed
     * behind it would be one too, 10 points each (a shuffled burst of ten scored 100).
     *
     * @param hash  the block's hash.
     * @param blind pushed while the peer's tip was unknown.
     * @param full  the whole block went out, not its compact form.
     */
    void onPushed(final byte[] hash, final boolean blind, final boolean full)
    {
        if (blind)
        {
            blindPushes++;
            return;
        }
        System.arraycopy(hash, 0, pushed, pushedNext * 32, 32);
        pushedFull[pushedNext] = full;
        pushedNext = (pushedNext + 1) % CAPACITY;
        if (pushedCount < CAPACITY)
        {
            pushedCount++;
        }
    }

    boolean pushedContains(final byte[] hash)
    {
        for (int i = 0; i < pushedCount; i++)
        {
            if (equalsIn(pushed, i, hash))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when the whole block went out on this connection (not only its compact form,
     * after which the peer may still ask for the full block).
     */
    boolean pushedInFull(final byte[] hash)
    {
        // A block may be here twice: its compact form, then the whole block the peer asked for.
        for (int i = 0; i < pushedCount; i++)
        {
            if (pushedFull[i] && equalsIn(pushed, i, hash))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return pushes made while the peer's tip was unknown, since the last tip learned.
     */
    int blindPushes()
    {
        return blindPushes;
    }

    /**
     * A header announced to a peer that may not connect it. Dash Core counts the {@code headers}
     * that do not connect and adds 20 points at every tenth; it starts again from 0 when a
     * {@code headers} message connects, so announcements stop after a few unanswered ones.
     *
     * @param hash the announced block's hash.
     */
    void onAnnounced(final byte[] hash)
    {
        final int i = (int)(announcements % CAPACITY);
        System.arraycopy(hash, 0, announced, i * 32, 32);
        announcedOrdinal[i] = ++announcements;
    }

    /**
     * @return announcements since the last one known to have connected; each may not have.
     */
    long unansweredAnnouncements()
    {
        return announcements - connectedAnnouncement;
    }

    /**
     * The peer asked for a block: if we announced it, that header connected there, and the peer's
     * count of unconnecting headers began again from that announcement (not from now: those we sent
     * after it may not have connected).
     */
    void onGetData(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < CAPACITY; i++)
        {
            final long ordinal = announcedOrdinal[i];
            if (ordinal > connectedAnnouncement && equalsIn(announced, i, buffer, offset))
            {
                connectedAnnouncement = ordinal;
                return;
            }
        }
    }

    /**
     * The peer processed a block we pushed but does not have it (an orphan to it): it is on
     * another tip. Forget the pushes on this connection and stop pushing without its parent.
     */
    void onConfirmFailed()
    {
        pushedCount = 0;
        pushedNext = 0;
        tipLearned = true;
    }

    /**
     * Remember a block hash the peer has (internal order).
     */
    void add(final DirectBuffer buffer, final int offset)
    {
        if (contains(buffer, offset))
        {
            return;
        }
        buffer.getBytes(offset, hashes, next * 32, 32);
        advance();
    }

    void add(final byte[] hash)
    {
        if (contains(hash))
        {
            return;
        }
        System.arraycopy(hash, 0, hashes, next * 32, 32);
        advance();
    }

    /**
     * Note that the peer told us about its chain (so "parent not among its hashes" now means
     * "known to be elsewhere", not "not yet learned").
     */
    void onTipLearned()
    {
        tipLearned = true;
        blindPushes = 0;
    }

    /**
     * Something we sent connected to the peer's chain (a processed block whose parent it had). It
     * leaves the unanswered announcements alone: Dash Core clears its count of unconnecting headers
     * only when a {@code headers} message from us connects, not when a block does (blocks that
     * connected between announcements once let 30 unconnecting headers through: 60 points).
     */
    void onOurBlockConnected()
    {
        onTipLearned();
    }

    boolean tipLearned()
    {
        return tipLearned;
    }

    boolean contains(final byte[] hash)
    {
        for (int i = 0; i < count; i++)
        {
            if (equalsAt(i, hash))
            {
                return true;
            }
        }
        return false;
    }

    private boolean contains(final DirectBuffer buffer, final int offset)
    {
        outer:
        for (int i = 0; i < count; i++)
        {
            final int base = i * 32;
            for (int j = 0; j < 32; j++)
            {
                if (hashes[base + j] != buffer.getByte(offset + j))
                {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private boolean equalsAt(final int index, final byte[] hash)
    {
        return equalsIn(hashes, index, hash);
    }

    private static boolean equalsIn(final byte[] ring, final int index, final DirectBuffer buffer, final int offset)
    {
        final int base = index * 32;
        for (int j = 0; j < 32; j++)
        {
            if (ring[base + j] != buffer.getByte(offset + j))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIn(final byte[] ring, final int index, final byte[] hash)
    {
        final int base = index * 32;
        for (int j = 0; j < 32; j++)
        {
            if (ring[base + j] != hash[j])
            {
                return false;
            }
        }
        return true;
    }

    private void advance()
    {
        next = (next + 1) % CAPACITY;
        if (count < CAPACITY)
        {
            count++;
        }
    }
}
