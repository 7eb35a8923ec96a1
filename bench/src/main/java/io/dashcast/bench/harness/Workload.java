package io.dashcast.bench.harness;

import io.dashcast.bench.engine.SyntheticBlocks;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * What one configuration sends: N peers and one synthetic block, both as the raw block (what
 * dashcast is given: it validates, copies and frames it on every submit) and as the ready-made
 * {@code block} frame (what the baselines write as it is, framed once here).
 */
public final class Workload
{
    /** Every frame carries regtest's magic. */
    public static final Network NETWORK = Network.REGTEST;

    public final int peers;
    public final int blockBytes;
    public final UnsafeBuffer block;
    public final ByteBuffer frame;
    public final int frameLength;

    private Workload(final int peers, final int blockBytes, final UnsafeBuffer block, final ByteBuffer frame)
    {
        this.peers = peers;
        this.blockBytes = blockBytes;
        this.block = block;
        this.frame = frame;
        this.frameLength = frame.limit();
    }

    /**
     * @param peers      receivers.
     * @param blockBytes block size.
     * @return the workload.
     */
    public static Workload of(final int peers, final int blockBytes)
    {
        final byte[] bytes = SyntheticBlocks.block(blockBytes, blockBytes ^ peers);
        final UnsafeBuffer block = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            org.agrona.BitUtil.align(blockBytes, 64), 64), 0, blockBytes);
        block.putBytes(0, bytes);
        final ByteBuffer frame = BufferUtil.allocateDirectAligned(
            org.agrona.BitUtil.align(HEADER_LENGTH + blockBytes, 64), 64);
        final UnsafeBuffer frameView = new UnsafeBuffer(frame);
        frameView.putBytes(HEADER_LENGTH, bytes);
        final int length = new MessageFramer(NETWORK).frame(frameView, 0, Command.BLOCK, blockBytes);
        frame.limit(length);
        return new Workload(peers, blockBytes, block, frame);
    }
}
