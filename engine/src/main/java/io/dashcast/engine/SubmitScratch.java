package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A producer thread's reusable tools for {@link Broadcaster#submit}: the block walk, the validation
 * gate, the framer, X11 and short ids, and a view to wrap a {@code byte[]} block without allocating.
 */
final class SubmitScratch
{
    final BlockView view = new BlockView();
    final X11 x11 = new X11();
    final ShortIds ids = new ShortIds();
    final MessageFramer framer;
    final BlockGate gate;
    final byte[] gateHash = new byte[32];
    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);

    SubmitScratch(final MessageFramer framer, final BlockGate gate)
    {
        this.framer = framer;
        this.gate = gate;
    }

    UnsafeBuffer wrap(final byte[] block)
    {
        arrayView.wrap(block);
        return arrayView;
    }
}
