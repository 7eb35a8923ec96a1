package io.dashcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.ProtocolException;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A serialized block from any ingress (API, shared memory, JSON-RPC {@code submitblock}, a peer's
 * {@code block}): {@link BlockView#wrap} walks the header and every transaction in place (DIP2
 * special transactions included); once it accepts, every accessor, the X11 hash, the txids and the
 * merkle root must compute without throwing. Allowed: {@link ProtocolException}.
 */
class BlockViewFuzzTest
{
    private static final HangWatchdog WATCHDOG = new HangWatchdog("BlockViewFuzzTest");

    private final BlockView block = new BlockView();
    private final PayloadReader reader = new PayloadReader();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);

    @FuzzTest(maxDuration = "10s")
    void blockBytes(final byte[] data)
    {
        WATCHDOG.begin(data);
        try
        {
            // An offset other than 0, as in a ring slot behind the frame header.
            final byte[] padded = new byte[data.length + 24];
            System.arraycopy(data, 0, padded, 24, data.length);
            buffer.wrap(padded);
            reader.block(block.wrap(buffer, 24, data.length), true);
        }
        catch (final ProtocolException expected)
        {
            // Refused as INVALID_BLOCK.
        }
        finally
        {
            WATCHDOG.end();
        }
    }
}
