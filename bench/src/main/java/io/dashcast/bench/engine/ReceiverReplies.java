package io.dashcast.bench.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.HeadersFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * The few answers a benchmark receiver owes the engine to look like a node: {@code version} and
 * {@code verack} to a {@code version}, {@code pong} to a {@code ping}, and the header of the last
 * block it got to the {@code getheaders} (empty locator, that block as hash-stop) with which the
 * engine confirms a push to a peer whose tip it has not learned. Allocation-free after the
 * handshake; one per receiving connection.
 */
public final class ReceiverReplies
{
    private static final int GETHEADERS_EMPTY_LOCATOR_LENGTH = 4 + 1 + 32;

    private final MessageFramer framer;
    private final String userAgent;
    private final long nonce;
    private final VersionFlyweight version = new VersionFlyweight();
    private final byte[] lastHeader = new byte[BlockView.HEADER_LENGTH];
    private final UnsafeBuffer lastHeaderBuffer = new UnsafeBuffer(lastHeader);
    private final byte[] hash = new byte[32];
    private final X11 x11 = new X11();
    private boolean hasBlock;

    /**
     * @param network   whose magic to frame with.
     * @param userAgent what the receiver calls itself.
     * @param nonce     its version nonce (not the engine's).
     */
    public ReceiverReplies(final Network network, final String userAgent, final long nonce)
    {
        this.framer = new MessageFramer(network);
        this.userAgent = userAgent;
        this.nonce = nonce;
    }

    /**
     * @param command       a received frame's command.
     * @param payload       its payload (of a block, at least the 80-byte header).
     * @param offset        first payload byte.
     * @param payloadLength payload bytes.
     * @param out           where to frame the answer, at 0.
     * @return bytes of answer to send, 0 for none.
     */
    public int onFrame(
        final Command command, final DirectBuffer payload, final int offset, final int payloadLength,
        final MutableDirectBuffer out)
    {
        switch (command)
        {
            case BLOCK:
                payload.getBytes(offset, lastHeader, 0, BlockView.HEADER_LENGTH);
                hasBlock = true;
                return 0;
            case VERSION:
                final int length = version.wrapForEncode(out, HEADER_LENGTH)
                    .protocolVersion(Network.PROTOCOL_VERSION).services(0x1c05).nonce(nonce)
                    .userAgent(userAgent).startHeight(0).relay(true).encodedLength();
                final int n = framer.frame(out, 0, Command.VERSION, length);
                return n + framer.frame(out, n, Command.VERACK, 0);
            case PING:
                if (payloadLength != 8)
                {
                    return 0;
                }
                out.putLong(HEADER_LENGTH, payload.getLong(offset, ByteOrder.LITTLE_ENDIAN), ByteOrder.LITTLE_ENDIAN);
                return framer.frame(out, 0, Command.PONG, 8);
            case GETHEADERS:
                return onGetHeaders(payload, offset, payloadLength, out);
            default:
                return 0;
        }
    }

    private int onGetHeaders(
        final DirectBuffer payload, final int offset, final int length, final MutableDirectBuffer out)
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
