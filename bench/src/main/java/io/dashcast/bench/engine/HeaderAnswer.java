package io.dashcast.bench.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.HeadersFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * What a benchmark receiver needs to answer like a node that has the last block it was sent:
 * the engine confirms a push to a peer whose tip it has not learned with {@code getheaders}
 * (empty locator, the block as hash-stop), and Dash Core answers with that block's header.
 * Allocation-free; one per receiving connection.
 */
public final class HeaderAnswer
{
    private static final int GETHEADERS_EMPTY_LOCATOR_LENGTH = 4 + 1 + 32;

    private final byte[] lastHeader = new byte[BlockView.HEADER_LENGTH];
    private final UnsafeBuffer lastHeaderBuffer = new UnsafeBuffer(lastHeader);
    private final byte[] hash = new byte[32];
    private final X11 x11 = new X11();
    private boolean hasBlock;

    /**
     * @param payload a received {@code block} payload.
     * @param offset  its first byte.
     */
    public void onBlock(final DirectBuffer payload, final int offset)
    {
        payload.getBytes(offset, lastHeader, 0, BlockView.HEADER_LENGTH);
        hasBlock = true;
    }

    /**
     * @param payload a received {@code getheaders} payload.
     * @param offset  its first byte.
     * @param length  its length.
     * @param out     where to frame the answer, at 0.
     * @param framer  framer of the receiver's network.
     * @return length of the {@code headers} frame written, or 0 when there is nothing to answer.
     */
    public int onGetHeaders(
        final DirectBuffer payload, final int offset, final int length, final MutableDirectBuffer out,
        final MessageFramer framer)
    {
        if (!hasBlock || length != GETHEADERS_EMPTY_LOCATOR_LENGTH || payload.getByte(offset + 4) != 0)
        {
            return 0;
        }
        x11.hash(lastHeader, 0, BlockView.HEADER_LENGTH, hash, 0);
        for (int i = 0; i < 32; i++)
        {
            if (hash[i] != payload.getByte(offset + 5 + i))
            {
                return 0;
            }
        }
        final int payloadLength = HeadersFlyweight.encodeSingle(out, HEADER_LENGTH, lastHeaderBuffer, 0);
        return framer.frame(out, 0, Command.HEADERS, payloadLength);
    }
}
