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
