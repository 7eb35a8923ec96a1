package io.dashcast.protocol;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Copy and checksum in one pass gives byte for byte the frame of copy-then-frame, for heap and
 * direct sources, at every size around the chunk boundaries.
 */
class CopyAndFrameTest
{
    @Test
    void shouldFrameAsCopyThenFrameDoesForHeapAndDirectSources()
    {
        final Random random = new Random(15);
        final MessageFramer framer = new MessageFramer(Network.MAINNET);
        for (final int length : new int[] {0, 1, 80, 8191, 8192, 8193, 16384, 65537, 1 << 20, (2 << 20) + 3})
        {
            final byte[] payload = new byte[length];
            random.nextBytes(payload);
            final UnsafeBuffer expected = new UnsafeBuffer(new byte[HEADER_LENGTH + length]);
            expected.putBytes(HEADER_LENGTH, payload);
            framer.frame(expected, 0, Command.BLOCK, length);

            final UnsafeBuffer heapSource = new UnsafeBuffer(new byte[length + 7], 7, length);
            heapSource.putBytes(0, payload);
            final UnsafeBuffer directSource = new UnsafeBuffer(ByteBuffer.allocateDirect(length + 3), 3, length);
            directSource.putBytes(0, payload);
            for (final UnsafeBuffer source : new UnsafeBuffer[] {heapSource, directSource})
            {
                final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADER_LENGTH + length + 5));
                assertEquals(HEADER_LENGTH + length, framer.copyAndFrame(source, 0, out, 5, Command.BLOCK, length));
                assertEquals(0, expected.compareTo(new UnsafeBuffer(out, 5, HEADER_LENGTH + length)), "length " + length);
                // The checksum hashed elsewhere (the gate's helper thread): a plain copy, the same frame.
                final UnsafeBuffer known = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADER_LENGTH + length + 5));
                final int checksum = new Sha256d().checksum(source, 0, length);
                assertEquals(HEADER_LENGTH + length, framer.copyAndFrame(source, 0, known, 5, Command.BLOCK, length, checksum));
                assertEquals(0, expected.compareTo(new UnsafeBuffer(known, 5, HEADER_LENGTH + length)), "length " + length);
            }
        }
    }
}
