package io.dashcast.tools.daemon;

import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.FailureReason;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.SendReason;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes the seed's submission summary for each block (multi-peer P2P, local P2P, local RPC, each
 * ✓ or ✗ with timings), then one line per peer. A block that reached no path is written loudly to
 * the error stream as well.
 */
public final class SubmissionLog
{
    private static final String RULE = "=".repeat(70);
    /** dashd's reject reason for a block whose parent it lacks. */
    static final String PREV_BLOCK_NOT_FOUND = "prev-blk-not-found";

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<SubmissionReport> listener;

    /**
     * @param out where summaries go.
     * @param err where a block that reached nothing is also reported.
     */
    public SubmissionLog(final PrintStream out, final PrintStream err)
    {
        this(out, err, report -> { });
    }

    /**
     * @param out      where summaries go.
     * @param err      where a block that reached nothing is also reported.
     * @param listener told of every report after it is logged (tests, soak, monitoring); must not block.
     */
    public SubmissionLog(final PrintStream out, final PrintStream err, final Consumer<SubmissionReport> listener)
    {
        this.out = out;
        this.err = err;
        this.listener = listener;
    }

    /**
     * @param report one block's outcome.
     */
    public void log(final SubmissionReport report)
    {
        out.print(format(report));
        out.flush();
        if (!report.anySucceeded())
        {
            if (parentUnknownEverywhere(report))
            {
                // Not a failure of dashcast: nobody can take a block whose parent it lacks, and pushing
                // it would cost ban score. Said plainly, so it is not mistaken for a lost block.
                err.println("dashcast: block " + report.blockHash() + " held back: its parent is unknown to every " +
                    "peer (headers announced only, as ban safety requires)" + (report.rpc() == null ? "" :
                    " and to the local dashd (" + report.rpc().reason() + ")") + "; it goes out when its parent does");
            }
            else
            {
                err.println("dashcast: BLOCK " + report.blockHash() + " WAS NOT DELIVERED ON ANY PATH: " + why(report));
            }
            err.flush();
        }
        listener.accept(report);
    }

    /**
     * Say that a block came again and was not sent again.
     *
     * @param blockHash display-order hash.
     * @param source    how it came in this time.
     */
    public void duplicate(final String blockHash, final String source)
    {
        out.println("dashcast: block " + blockHash + " again via " + source + ": already sent, not broadcast again");
        out.flush();
    }

    /**
     * Say loudly that P2P has nobody to send to, before the block goes out.
     *
     * @param blockHash display-order hash.
     * @param fallback  whether the local dashd RPC still gets it.
     */
    public void noReadyPeers(final String blockHash, final boolean fallback)
    {
        err.println("dashcast: no ready peers for block " + blockHash + ": " +
            (fallback ? "degrading to the local dashd RPC alone" : "and the RPC fallback is disabled"));
        err.flush();
    }

    /**
     * @param report one block's outcome.
     * @return the summary text.
     */
    public static String format(final SubmissionReport report)
    {
        final StringBuilder sb = new StringBuilder(1024);
        final BroadcastReceipt receipt = report.receipt();
        sb.append(RULE).append('\n');
        sb.append("MULTI-PEER BLOCK BROADCAST\n");
        sb.append("  Block hash: ").append(report.blockHash()).append('\n');
        sb.append("  Size: ").append(report.sizeBytes()).append(" bytes, via ").append(report.source()).append('\n');
        if (receipt != null)
        {
            sb.append("  Target peers: ").append(receipt.peers().size()).append('\n');
        }
        sb.append("BLOCK SUBMISSION SUMMARY:\n");
        sb.append("  Multi-peer P2P: ").append(mark(report.p2pSucceeded())).append(' ').append(p2p(report)).append('\n');
        sb.append("  Local P2P:      ").append(localP2p(report)).append('\n');
        sb.append("  Local RPC:      ").append(rpc(report)).append('\n');
        if (receipt != null)
        {
            // Network propagation: each peer has the block from its ack or its own announcement of it.
            sb.append("  Propagation:    50 % ").append(ms(receipt.propagationNs(50)))
                .append(", 90 % ").append(ms(receipt.propagationNs(90)))
                .append(", all ").append(ms(receipt.propagationNs(100))).append(" of the peers connected at submit\n");
            for (final BroadcastReceipt.PeerResult p : receipt.peers())
            {
                sb.append(String.format(Locale.ROOT, "    %-8s %-24s %-10s %-13s handoff %10s  ack %10s%s%n",
                    p.priority().name().toLowerCase(), p.name(), p.outcome().name().toLowerCase(),
                    p.frame() == null ? "-" : p.frame().name().toLowerCase(), ms(p.handoffNs()),
                    ms(p.ackNs()), (p.reason() == null ? "" : "  " + p.reason().name().toLowerCase()) +
                    (p.failure() == FailureReason.NONE ? "" : "  " + p.failure().name().toLowerCase())));
            }
        }
        sb.append(RULE).append('\n');
        return sb.toString();
    }

    /**
     * @param report one block's outcome.
     * @return true when every peer held the block back for its unknown parent and the local dashd,
     *     if asked, said the same ({@code prev-blk-not-found}): the expected fate of an orphan.
     */
    public static boolean parentUnknownEverywhere(final SubmissionReport report)
    {
        final BroadcastReceipt receipt = report.receipt();
        if (receipt == null || receipt.peers().isEmpty())
        {
            return false;
        }
        for (final BroadcastReceipt.PeerResult p : receipt.peers())
        {
            final boolean heldBack = p.outcome() == PeerOutcome.HELD_BACK || p.headerOnly() ||
                p.reason() == SendReason.PARENT_UNKNOWN;
            if (!heldBack || p.failure() != FailureReason.NONE)
            {
                return false;
            }
        }
        return report.rpc() == null ||
            (report.rpc().reason() != null && report.rpc().reason().contains(PREV_BLOCK_NOT_FOUND));
    }

    private static String p2p(final SubmissionReport report)
    {
        final BroadcastReceipt receipt = report.receipt();
        if (receipt == null)
        {
            return report.p2pRefusal() == null ? "disabled" : "refused: " + report.p2pRefusal();
        }
        if (report.receipt().handoffCount() == 0 && parentUnknownEverywhere(report))
        {
            return "held back: parent unknown to all " + receipt.peers().size() + " peers (headers only)";
        }
        long first = Long.MAX_VALUE;
        long last = -1;
        for (final BroadcastReceipt.PeerResult p : receipt.peers())
        {
            if (p.handoffNs() >= 0)
            {
                first = Math.min(first, p.handoffNs());
                last = Math.max(last, p.handoffNs());
            }
        }
        if (last < 0)
        {
            return "0/" + receipt.peers().size() + " peers reached";
        }
        return receipt.ackCount() + "/" + receipt.peers().size() + " peers acked; handed off to " + receipt.handoffCount() +
            " in " + ms(last) + " (first " + ms(first) + ")";
    }

    private static String localP2p(final SubmissionReport report)
    {
        if (report.localPeerName() == null)
        {
            return "✗ no local dashd peer configured";
        }
        final BroadcastReceipt.PeerResult local = report.localPeer();
        if (local == null)
        {
            return "✗ " + report.localPeerName() + (report.p2pRefusal() == null ? " (P2P disabled)" : " not sent");
        }
        final boolean ok = SubmissionReport.acked(local);
        return mark(ok) + " " + local.name() + " " + local.outcome().name().toLowerCase() +
            (ok ? " in " + ms(local.handoffNs()) : "") + (local.ackNs() >= 0 ? ", ack " + ms(local.ackNs()) : "");
    }

    private static String rpc(final SubmissionReport report)
    {
        if (report.rpc() == null)
        {
            return "✗ disabled (--broadcast-no-fallback)";
        }
        return mark(report.rpc().dashdHasBlock()) + " " + report.rpc().status().name().toLowerCase() +
            (report.rpc().reason() == null || report.rpc().reason().isEmpty() ? "" : " (" + report.rpc().reason() + ")") +
            " in " + ms(report.rpc().elapsedNs());
    }

    private static String why(final SubmissionReport report)
    {
        return "P2P " + (report.p2pRefusal() != null ? "refused (" + report.p2pRefusal() + ")" : "reached no peer") +
            ", RPC " + (report.rpc() == null ? "disabled" : report.rpc().toString());
    }

    private static String mark(final boolean ok)
    {
        return ok ? "✓" : "✗";
    }

    static String ms(final long ns)
    {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }
}
