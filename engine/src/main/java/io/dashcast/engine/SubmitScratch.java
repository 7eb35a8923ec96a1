package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A producer thread's reusable tools for {@link Broadcaster#submit}: the block walk, the framer,
 * X11 and short ids, and a view to wrap a {@code byte[]} block without allocating.
 */
final class SubmitScratch
{
    final BlockView view = new BlockView();
    final X11 x11 = new X11();
    final ShortIds ids = new ShortIds();
    final MessageFramer framer;
    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);

    SubmitScratch(final MessageFramer framer)
    {
        this.framer = framer;
    }

    UnsafeBuffer wrap(final byte[] block)
    {
        arrayView.wrap(block);
        return arrayView;
    }
}
