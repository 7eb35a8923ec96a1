package io.dashcast.engine;

import com.lmax.disruptor.RingBuffer;

import java.nio.ByteBuffer;

/**
 * One loop's access to the ring: each slot and this loop's own {@link ByteBuffer} view of the
 * slot's buffer (positions and limits are per view, so loops never share one).
 */
final class SlotViews
{
    private final RingBuffer<BlockSlot> ring;
    private final ByteBuffer[] views;
    private final int mask;

    SlotViews(final RingBuffer<BlockSlot> ring)
    {
        this.ring = ring;
        this.mask = ring.getBufferSize() - 1;
        this.views = new ByteBuffer[ring.getBufferSize()];
        for (int i = 0; i < views.length; i++)
        {
            views[i] = ring.get(i).byteBuffer.duplicate();
        }
    }

    BlockSlot slot(final long sequence)
    {
        return ring.get(sequence);
    }

    ByteBuffer view(final long sequence)
    {
        return views[(int)(sequence & mask)];
    }

    RingBuffer<BlockSlot> ring()
    {
        return ring;
    }
}
