package io.dashcast.bench.harness;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validating thread-per-peer baseline frames exactly what the ready-made frame holds, does it
 * again for each block, and refuses a block a peer would punish before any writer wakes.
 */
class ThreadPerPeerFanOutTest
{
    @Test
    void shouldFrameTheRawBlockByteForByteAsTheReadyFrame()
    {
        final Workload workload = Workload.of(2, 64 * 1024);
        final ThreadPerPeerFanOut fanOut = ThreadPerPeerFanOut.validating();
        final ByteBuffer frame = fanOut.prepare(workload);
        fanOut.validateAndFrame();
        assertArrayEquals(bytes(workload.frame), bytes(frame));
    }

    @Test
    void shouldFrameEachBlockAnewNotOnce()
    {
        final Workload workload = Workload.of(2, 4096);
        final ThreadPerPeerFanOut fanOut = ThreadPerPeerFanOut.validating();
        final ByteBuffer frame = fanOut.prepare(workload);
        fanOut.validateAndFrame();
        final byte[] first = bytes(frame);
        // The next block, as the harness makes it: the child of this one, mined again.
        io.dashcast.bench.engine.SyntheticBlocks.extend(workload.block, new io.dashcast.protocol.X11(), new byte[32]);
        fanOut.validateAndFrame();
        final byte[] second = bytes(frame);
        assertTrue(!java.util.Arrays.equals(first, second), "the second block's frame is the first's");
        final byte[] block = new byte[workload.blockBytes];
        workload.block.getBytes(0, block);
        assertArrayEquals(block, java.util.Arrays.copyOfRange(second, 24, second.length));
    }

    @Test
    void shouldRefuseABlockWhoseTransactionsDoNotMatchItsMerkleRoot()
    {
        final Workload workload = Workload.of(2, 4096);
        final UnsafeBuffer block = workload.block;
        final int last = workload.blockBytes - 5; // inside the last transaction (its lock time)
        block.putByte(last, (byte)(block.getByte(last) ^ 1));
        final ThreadPerPeerFanOut fanOut = ThreadPerPeerFanOut.validating();
        fanOut.prepare(workload);
        final HarnessException refused = assertThrows(HarnessException.class, fanOut::validateAndFrame);
        assertTrue(refused.getMessage().contains("merkle root"), refused.getMessage());
    }

    @Test
    void shouldWriteTheWorkloadsOwnFrameWhenGivenIt()
    {
        final Workload workload = Workload.of(2, 4096);
        assertSame(workload.frame, ThreadPerPeerFanOut.givenTheFrame().prepare(workload));
    }

    private static byte[] bytes(final ByteBuffer buffer)
    {
        final ByteBuffer view = buffer.duplicate().rewind();
        final byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
