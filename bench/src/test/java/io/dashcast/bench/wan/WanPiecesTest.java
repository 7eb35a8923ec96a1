package io.dashcast.bench.wan;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(5)
class WanPiecesTest
{
    @Test
    void shouldReportEveryFrameWhateverTheChunking()
    {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[HEADER_LENGTH * 3 + 8 + 50_000]);
        final MessageFramer framer = new MessageFramer(Network.REGTEST);
        int n = 0;
        stream.putLong(HEADER_LENGTH, 42L, ByteOrder.LITTLE_ENDIAN);
        n += framer.frame(stream, n, Command.PING, 8);
        n += framer.frame(stream, n, Command.BLOCK, 50_000);
        n += framer.frame(stream, n, Command.VERACK, 0);
        for (final int chunk : new int[] {1, 7, 24, 1000, n})
        {
            final FrameScanner scanner = new FrameScanner(Network.REGTEST.magic());
            final List<String> seen = new ArrayList<>();
            for (int p = 0; p < n; p += chunk)
            {
                scanner.onBytes(stream, p, Math.min(chunk, n - p), (command, payload, length) ->
                    seen.add(command + ":" + length + (payload == null ? "" : ":" + payload.getLong(0, ByteOrder.LITTLE_ENDIAN))));
            }
            // an empty payload leaves the kept buffer as it was: the ping's bytes are still there
            assertEquals(List.of("PING:8:42", "BLOCK:50000", "VERACK:0:42"), seen, "chunk " + chunk);
        }
    }

    @Test
    void shouldRefuseAnotherNetworksMagic()
    {
        final UnsafeBuffer stream = new UnsafeBuffer(new byte[HEADER_LENGTH]);
        new MessageFramer(Network.MAINNET).frame(stream, 0, Command.VERACK, 0);
        final FrameScanner scanner = new FrameScanner(Network.REGTEST.magic());
        assertThrows(IllegalStateException.class, () -> scanner.onBytes(stream, 0, HEADER_LENGTH, (c, p, l) -> { }));
    }

    @Test
    void shouldReportFirstFifthLastAndTheCriticalPeerAsMediansOverRounds()
    {
        final double[][] ms = {
            {50, 10, 20, 30, 40, 60},
            {70, 11, 21, 31, 41, 61},
            {90, 12, 22, 32, 42, 62},
        };
        // sorted rounds: 5th = 50, 61, 62; last = 60, 70, 90; peer 0 = 50, 70, 90
        assertEquals("| x | 11 | 61 | 70 | 60-90 | 70 |\n",
            WanSenderMain.row("x", ms, 6).replace(System.lineSeparator(), "\n"));
    }
}
