package io.dashcast.tools.daemon;

import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.FailureReason;
import io.dashcast.engine.FrameKind;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.SendReason;
import io.dashcast.engine.dashd.SubmitBlockResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A block whose parent nobody has is held back on purpose (ban safety) and refused by dashd as
 * {@code prev-blk-not-found}: the log says so plainly, not as a lost block in capitals.
 */
class SubmissionLogTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SubmissionLog log = new SubmissionLog(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void shouldReportABlockWithAnUnknownParentAsHeldBackNotLost()
    {
        log.log(report(PeerOutcome.HELD_BACK, FailureReason.NONE, SubmitBlockResult.notSubmitted(
            SubmitBlockResult.Status.REJECTED, "prev-blk-not-found")));
        final String errText = err.toString(StandardCharsets.UTF_8);
        assertFalse(errText.contains("WAS NOT DELIVERED"), errText);
        assertTrue(errText.contains("held back: its parent is unknown to every peer"), errText);
        assertTrue(errText.contains("prev-blk-not-found"), errText);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("held back: parent unknown to all 2 peers"));
    }

    @Test
    void shouldStillShoutWhenABlockReachedNothingForAnyOtherReason()
    {
        log.log(report(PeerOutcome.FAILED, FailureReason.PEER_CLOSED, SubmitBlockResult.notSubmitted(
            SubmitBlockResult.Status.UNREACHABLE, "connection refused")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("WAS NOT DELIVERED ON ANY PATH"));
    }

    private static SubmissionReport report(
        final PeerOutcome outcome, final FailureReason failure, final SubmitBlockResult rpc)
    {
        final List<BroadcastReceipt.PeerResult> peers = List.of(
            new BroadcastReceipt.PeerResult("a", PeerPriority.CRITICAL, outcome, failure, true, -1, -1,
                FrameKind.HEADER_ONLY, SendReason.PARENT_UNKNOWN),
            new BroadcastReceipt.PeerResult("b", PeerPriority.NORMAL, outcome, failure, true, -1, -1,
                FrameKind.HEADER_ONLY, SendReason.PARENT_UNKNOWN));
        return new SubmissionReport("00ab", 200, "api", new BroadcastReceipt("00ab", 200, 1, 0, 1, peers), null, "a",
            rpc, 1000, false);
    }
}
