package io.dashcast.tools.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Submission;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.dashd.SubmitBlockResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * What a pool is told about one {@code submitblock}, in dashd's terms (BIP22 and Dash Core
 * v22.1.1), once dashd has processed the block:
 * <ul>
 *   <li>dashd answered: its verdict, unchanged ({@code null}, a reject reason, an error object),
 *       except that {@code "duplicate"} to a block we sent out becomes what dashd says to a new
 *       block, as its P2P push (ours) may have reached dashd first: {@code null} when the block is
 *       on dashd's best chain (miningcore counts any non-null answer as lost), {@code "inconclusive"}
 *       when it is stored on a branch (v22.1.1 answers a branch block that comes first by RPC so;
 *       asked with {@code getblockheader}, whose {@code confirmations} is -1 off the best chain),
 *       and {@code null} if dashd cannot be asked;</li>
 *   <li>dashd could not be asked: {@code null} only when a peer acknowledged the block, the gate's
 *       reject reason when it refused the block, else an error (the block reached nothing);</li>
 *   <li>the same block again: dashd's own answer to a resubmission, {@code "duplicate"}
 *       ({@code "duplicate-invalid"}, {@code "duplicate-inconclusive"}) after the first's verdict.</li>
 * </ul>
 */
final class SubmitBlockAnswer
{
    static final int RPC_MISC_ERROR = -1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmitBlockAnswer()
    {
    }

    /**
     * @param submission the block's submission.
     * @param idJson     the request's id as JSON text.
     * @return the reply once dashd has spoken (or, without dashd, once P2P has).
     */
    static CompletableFuture<Reply> of(final Submission submission, final String idJson)
    {
        return of(submission, idJson, null);
    }

    /**
     * @param submission the block's submission.
     * @param idJson     the request's id as JSON text.
     * @param dashd      asked where a block dashd called {@code duplicate} sits (best chain or a
     *                   branch); null to take it as on the best chain.
     * @return the reply once dashd has spoken (or, without dashd, once P2P has).
     */
    static CompletableFuture<Reply> of(final Submission submission, final String idJson, final DashdRpcClient dashd)
    {
        final Submission first = submission.duplicate() ? submission.first() : submission;
        return first.rpc().thenCompose(rpc ->
        {
            if (dashd != null && rpc != null && rpc.status() == SubmitBlockResult.Status.DUPLICATE &&
                !submission.duplicate() && first.p2pRefusal() == null)
            {
                return onBestChain(dashd, first.hash()).thenApply(best ->
                    Reply.result(best ? "null" : "\"inconclusive\"", idJson));
            }
            final Reply fromDashd = dashdVerdict(first, rpc, submission.duplicate(), idJson);
            if (fromDashd != null)
            {
                return CompletableFuture.completedFuture(fromDashd);
            }
            return first.p2p().thenApply(receipt -> withoutDashd(first, receipt, rpc, submission.duplicate(), idJson));
        });
    }

    /**
     * Whether dashd has the block on its best chain ({@code getblockheader}'s {@code confirmations}
     * is -1 on a branch); true when it cannot say.
     */
    private static CompletableFuture<Boolean> onBestChain(final DashdRpcClient dashd, final String hash)
    {
        final byte[] body = ("{\"jsonrpc\":\"1.0\",\"id\":\"dashcast\",\"method\":\"getblockheader\",\"params\":[\"" +
            hash + "\"]}").getBytes(StandardCharsets.UTF_8);
        return dashd.forward("/", body, true).thenApply(answer ->
        {
            try
            {
                final JsonNode confirmations = JSON.readTree(answer.body()).path("result").path("confirmations");
                return !confirmations.isNumber() || confirmations.asLong() >= 0;
            }
            catch (final IOException ex)
            {
                return true;
            }
        }).exceptionally(ex -> true);
    }

    private static Reply dashdVerdict(
        final Submission first, final SubmitBlockResult rpc, final boolean duplicate, final String idJson)
    {
        if (rpc == null)
        {
            return null;
        }
        return switch (rpc.status())
        {
            case ACCEPTED -> Reply.result(duplicate ? "\"duplicate\"" : "null", idJson);
            case DUPLICATE -> Reply.result(!duplicate && first.p2pRefusal() == null ? "null" : "\"duplicate\"", idJson);
            case INCONCLUSIVE -> Reply.result(quoted(duplicate ? "duplicate-inconclusive" : rpc.reason()), idJson);
            case REJECTED -> Reply.result(quoted(duplicate ? "duplicate-invalid" : rpc.reason()), idJson);
            case RPC_ERROR -> rpc.errorCode() == RpcReply.NO_CODE ? null : Reply.error(rpc.errorCode(), rpc.reason(), idJson);
            default -> null;
        };
    }

    private static Reply withoutDashd(
        final Submission first, final BroadcastReceipt receipt, final SubmitBlockResult rpc, final boolean duplicate,
        final String idJson)
    {
        if (receipt != null && receipt.ackCount() > 0)
        {
            return Reply.result(duplicate ? "\"duplicate\"" : "null", idJson);
        }
        if (first.rejectReason() != null)
        {
            return Reply.result(quoted(first.rejectReason()), idJson);
        }
        final String p2p = first.p2pRefusal() != null ? first.p2pRefusal() :
            receipt == null ? "off" : "no peer acknowledged it (" + receipt.handoffCount() + " handed off)";
        final String dashd = rpc == null ? "fallback off" : rpc.toString();
        return Reply.error(RPC_MISC_ERROR, "dashcast: block " + first.hash() + " reached no path: p2p " + p2p + "; dashd " +
            dashd, idJson);
    }

    private static String quoted(final String text)
    {
        return Reply.jsonString(text);
    }
}
