package io.dashcast.bench.harness;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameAssemblerTest
{
    private static final Network NETWORK = Network.REGTEST;

    /** A ping (kept), a 10,000-byte block (counted only), an empty verack. */
    private static int stream(final UnsafeBuffer buffer)
    {
        final MessageFramer framer = new MessageFramer(NETWORK);
        int n = 0;
        buffer.putLong(HEADER_LENGTH, 0x1122334455667788L, ByteOrder.LITTLE_ENDIAN);
        n += framer.frame(buffer, n, Command.PING, 8);
        for (int i = 0; i < 10_000; i++)
        {
            buffer.putByte(n + HEADER_LENGTH + i, (byte)i);
        }
        n += framer.frame(buffer, n, Command.BLOCK, 10_000);
        n += framer.frame(buffer, n, Command.VERACK, 0);
        return n;
    }

    @Test
    void shouldFindEveryFrameWhateverTheChunking()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[20_000]);
        final int length = stream(buffer);
        for (final int chunk : new int[] {1, 7, 23, 24, 25, 4096, length})
        {
            final FrameAssembler assembler = new FrameAssembler(NETWORK.magic());
            final List<String> seen = new ArrayList<>();
            final FrameAssembler.FrameHandler handler = (command, payload, payloadLength) -> seen.add(
                command + "/" + payloadLength + "/" + describe(command, payload));
            for (int offset = 0; offset < length; offset += chunk)
            {
                assembler.onBytes(buffer, offset, Math.min(chunk, length - offset), handler);
            }
            assertEquals(List.of("PING/8/1122334455667788", "BLOCK/10000/kept", "VERACK/0/kept"), seen,
                "chunks of " + chunk);
            assertEquals(3, assembler.frames());
        }
    }

    private static String describe(final Command command, final DirectBuffer payload)
    {
        if (payload == null)
        {
            return "skipped";
        }
        return command == Command.PING ? Long.toHexString(payload.getLong(0, ByteOrder.LITTLE_ENDIAN)) : "kept";
    }

    @Test
    void shouldKeepOnlyTheStartOfLargePayloads()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[20_000]);
        final int length = stream(buffer);
        final FrameAssembler assembler = new FrameAssembler(NETWORK.magic());
        final List<DirectBuffer> payloads = new ArrayList<>();
        assembler.onBytes(buffer, 0, length, (command, payload, payloadLength) ->
        {
            if (command == Command.BLOCK)
            {
                payloads.add(payload);
            }
        });
        assertEquals(1, payloads.size());
        assertEquals(FrameAssembler.MAX_KEPT_PAYLOAD_BYTES, payloads.get(0).capacity());
        for (int i = 0; i < FrameAssembler.MAX_KEPT_PAYLOAD_BYTES; i++)
        {
            assertEquals((byte)i, payloads.get(0).getByte(i), "byte " + i + " of the block, for its header");
        }
    }

    @Test
    void shouldRefuseAnotherNetworksMagic()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[20_000]);
        final int length = stream(buffer);
        final FrameAssembler assembler = new FrameAssembler(Network.MAINNET.magic());
        assertThrows(IllegalStateException.class, () -> assembler.onBytes(buffer, 0, length, (c, p, l) -> { }));
    }
}
