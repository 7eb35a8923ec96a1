package io.dashcast.engine;

import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;

/**
 * Answers a peer's requests for a block this loop still holds in the ring: {@code getdata} (after a
 * header-only announcement) with the compact or full block, and {@code getblocktxn} (after a compact
 * block) with {@code blocktxn}. Straight from the slot; unknown blocks get no reply, as in Dash Core.
 */
final class BlockRequestServer
{
    private final SlotViews slots;
    private final SlotTracker tracker;
    private final HeldBackBlocks heldBack;

    BlockRequestServer(final SlotViews slots, final SlotTracker tracker, final HeldBackBlocks heldBack)
    {
        this.slots = slots;
        this.tracker = tracker;
        this.heldBack = heldBack;
    }

    /**
     * Answer a {@code getdata}: a compact block when asked for one and the block has one, else the full block.
     */
    void serveBlock(
        final PeerConnection peer, final DirectBuffer hash, final int hashOffset, final FrameKind wanted, final long nowNs)
    {
        if (!peer.isReady())
        {
            return;
        }
        final long s = tracker.findSlot(hash, hashOffset);
        if (s < 0 || peer.outbox().holdsBlock(s))
        {
            return;
        }
        final BlockSlot slot = slots.slot(s);
        if (wanted == FrameKind.FULL_BLOCK && peer.chain.pushedInFull(slot.hash))
        {
            // Pushed whole on this connection since the peer asked (its parent arrived): already on its way.
            return;
        }
        if (wanted == FrameKind.FULL_BLOCK && slot.record.frame(peer.index) == FrameKind.COMPACT_BLOCK)
        {
            // Its compact block went to the peer and the peer asks for the whole block: it could not
            // rebuild it, a round trip as a getblocktxn is (seen on Dash Core v22.1.1). Before its pong
            // or after it: Dash Core's block download asks from its send loop, after the pong to our
            // ping (seen in a CI run), when the broadcast may be closed. The record is only read here:
            // a slot this loop has not released is not refilled.
            peer.compactHistory.onNotRebuilt(s);
        }
        final ByteBuffer view = slots.view(s);
        peer.outbox().acks().supersede(s);
        final boolean compact = wanted == FrameKind.COMPACT_BLOCK && slot.compactFrameLength > 0;
        onRequested(peer, slot, s, compact ? FrameKind.COMPACT_BLOCK : FrameKind.FULL_BLOCK);
        if (compact)
        {
            // Asked for after its header: the peer rebuilds it as it would a pushed one.
            peer.compactHistory.onCompactSent(s);
            slot.awaitCompact(s);
            peer.sendCompact(view, slot.compactFrameOffset, slot.compactFrameLength, s, nowNs);
        }
        else
        {
            peer.sendBlock(view, slot.blockFrameLength, s, nowNs);
        }
        // Asked for, so its header connected there: its children follow it now (not orphans: the
        // peer knows their parent's header), and a held-back copy of it must not go out again.
        peer.chain.onPushed(slot.hash, false, !compact);
        heldBack.onChainGained(peer, nowNs);
    }

    /**
     * Answer a {@code getblocktxn} with {@code blocktxn} from the slot's block, or with the full block
     * when the answer would not fit the peer's queue. A request naming a transaction the block does
     * not have, or a block no longer held, gets no answer.
     */
    void serveBlockTxn(final PeerConnection peer, final GetBlockTxnFlyweight request, final long nowNs)
    {
        if (!peer.isReady())
        {
            return;
        }
        final long s = tracker.findSlot(request.buffer(), request.hashOffset());
        if (s < 0)
        {
            return;
        }
        peer.compactHistory.onNotRebuilt(s);
        final BlockSlot slot = slots.slot(s);
        slot.awaitCompact(s);
        final int count = request.count();
        if (count > 0 && request.index(count - 1) >= slot.view.transactionCount())
        {
            return;
        }
        final ByteBuffer view = slots.view(s);
        peer.outbox().acks().supersede(s);
        if (peer.sendBlockTxn(view, slot.view, request.buffer(), request.hashOffset(), request, s, nowNs))
        {
            onRequested(peer, slot, s, FrameKind.COMPACT_BLOCK);
        }
        else
        {
            onRequested(peer, slot, s, FrameKind.FULL_BLOCK);
            peer.sendBlock(view, slot.blockFrameLength, s, nowNs);
        }
    }

    private void onRequested(final PeerConnection peer, final BlockSlot slot, final long sequence, final FrameKind frame)
    {
        // A finished slot's record may be in a listener's hands: leave it alone.
        if (tracker.isOpen(sequence) && slot.record.frame(peer.index) != frame)
        {
            slot.record.onSend(peer.index, frame, SendReason.REQUESTED);
        }
    }
}
