package io.dashcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.message.MessageDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * What a peer can send us: bytes off a socket, read as {@code PeerConnection} reads them
 * ({@link FrameDecoder#decode} in a loop, {@link FrameDecoder#frameLengthHint} on what is left, then
 * {@link MessageDecoder} and every accessor of the accepted payload). The first input byte picks
 * the mode: even, the rest is the raw stream, delivered in chunks whose sizes the input also picks;
 * odd, the next byte picks a command and the rest is its payload, framed with a correct checksum
 * (a fuzzer cannot forge SHA-256d, so without this it would never reach the payload decoders).
 * <p>
 * Allowed: {@link ProtocolException} (the peer is closed with its reason). Anything else fails.
 */
class PeerFrameFuzzTest
{
    private static final Command[] COMMANDS = Command.values();
    private static final HangWatchdog WATCHDOG = new HangWatchdog("PeerFrameFuzzTest");

    private final FrameDecoder frames = new FrameDecoder(Network.MAINNET);
    private final MessageDecoder messages = new MessageDecoder();
    private final MessageFramer framer = new MessageFramer(Network.MAINNET);
    private final PayloadReader reader = new PayloadReader();
    private final UnsafeBuffer view = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));

    @FuzzTest(maxDuration = "10s")
    void peerBytes(final byte[] data)
    {
        if (data.length < 2)
        {
            return;
        }
        WATCHDOG.begin(data);
        try
        {
            if ((data[0] & 1) == 0)
            {
                stream(data);
            }
            else
            {
                framedPayload(data);
            }
        }
        catch (final ProtocolException expected)
        {
            // The peer would be closed with this reason.
            if (expected.error() == null)
            {
                throw new AssertionError("a ProtocolException without a reason", expected);
            }
        }
        finally
        {
            WATCHDOG.end();
        }
    }

    private void framedPayload(final byte[] data)
    {
        final Command command = COMMANDS[(data[1] & 0xff) % COMMANDS.length];
        final int payloadLength = Math.min(data.length - 2, frameBuffer.capacity() - MessageHeaderFlyweight.HEADER_LENGTH);
        frameBuffer.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, data, 2, payloadLength);
        final int frameLength = framer.frame(frameBuffer, 0, command == Command.UNKNOWN ? Command.PING : command,
            payloadLength);
        if (frames.decode(frameBuffer, 0, frameLength) != frameLength)
        {
            throw new AssertionError("a correctly framed message was not found whole");
        }
        reader.read(messages.decodeFrame(frames, frameBuffer, 0), messages);
    }

    /**
     * The receive loop of a connection: bytes arrive in chunks (sizes from the input's first bytes),
     * complete frames are consumed from the front, the rest is kept for the next read.
     */
    private void stream(final byte[] data)
    {
        final int chunk = 1 + (data[1] & 0xff) * 4;
        int buffered = 0;
        int next = 2;
        while (next < data.length)
        {
            final int n = Math.min(Math.min(chunk, data.length - next), view.capacity() - buffered);
            if (n == 0)
            {
                return;
            }
            view.putBytes(buffered, data, next, n);
            next += n;
            buffered += n;
            int position = 0;
            while (true)
            {
                final int frameLength = frames.decode(view, position, buffered - position);
                if (frameLength == 0)
                {
                    break;
                }
                if (frameLength < MessageHeaderFlyweight.HEADER_LENGTH || frameLength > buffered - position)
                {
                    throw new AssertionError("frame length " + frameLength + " with " + (buffered - position) + " buffered");
                }
                reader.read(messages.decodeFrame(frames, view, position), messages);
                position += frameLength;
            }
            view.putBytes(0, view, position, buffered - position);
            buffered -= position;
            final int needed = frames.frameLengthHint(view, 0, buffered);
            if (needed != -1 && (needed < MessageHeaderFlyweight.HEADER_LENGTH ||
                needed > MessageHeaderFlyweight.HEADER_LENGTH + Network.MAX_PROTOCOL_MESSAGE_LENGTH))
            {
                throw new AssertionError("frame length hint " + needed);
            }
        }
    }
}
