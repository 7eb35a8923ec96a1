package io.dashcast.engine.dashd;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What dashd said to one {@code submitblock}, typed, with how long it took. Part of a broadcast
 * receipt. dashd answers a rejection with HTTP 200 and a BIP22 reason string as the result, so
 * {@link Status#REJECTED} carries that string in {@link #reason()}.
 */
public final class SubmitBlockResult
{
    /** The outcome of one submission. */
    public enum Status
    {
        /** {@code "result":null}: dashd accepted the block. */
        ACCEPTED,
        /** {@code "duplicate"}: dashd already had the block (a valid one). */
        DUPLICATE,
        /** {@code "inconclusive"} or {@code "duplicate-inconclusive"}: stored, not (yet) on the best chain. */
        INCONCLUSIVE,
        /** Any other result string, e.g. {@code "bad-txnmrklroot"}, {@code "prev-blk-not-found"}. */
        REJECTED,
        /** An error object, e.g. -22 "Block decode failed", or an unreadable answer. */
        RPC_ERROR,
        /** HTTP 401/403: wrong credentials or cookie, or not allowed by rpcallowip. */
        AUTH_FAILED,
        /** No answer within the request timeout: dashd may or may not have the block. */
        TIMEOUT,
        /** No connection to dashd; {@link #reason()} says why. */
        UNREACHABLE,
        /** Not submitted: the fallback's bounded queue was full. */
        QUEUE_FULL,
        /** Not submitted: the fallback was closed first. */
        CLOSED
    }

    private final Status status;
    private final String reason;
    private final int errorCode;
    private final long elapsedNs;

    /**
     * @param status    the outcome.
     * @param reason    rejection reason, error message or cause; null when accepted.
     * @param errorCode JSON-RPC error code for {@link Status#RPC_ERROR}, else {@link RpcReply#NO_CODE}.
     * @param elapsedNs nanoseconds from sending the request to the answer (0 when never sent).
     */
    public SubmitBlockResult(final Status status, final String reason, final int errorCode, final long elapsedNs)
    {
        this.status = status;
        this.reason = reason;
        this.errorCode = errorCode;
        this.elapsedNs = elapsedNs;
    }

    /**
     * Classify dashd's answer to {@code submitblock}.
     *
     * @param reply the exchange.
     * @return the typed result.
     */
    public static SubmitBlockResult of(final RpcReply reply)
    {
        final long ns = reply.elapsedNs();
        return switch (reply.status())
        {
            case OK -> ofResult(reply.result(), ns);
            case RPC_ERROR -> new SubmitBlockResult(Status.RPC_ERROR, reply.message(), reply.errorCode(), ns);
            case AUTH_FAILED -> new SubmitBlockResult(Status.AUTH_FAILED, reply.message(), RpcReply.NO_CODE, ns);
            case TIMEOUT -> new SubmitBlockResult(Status.TIMEOUT, reply.message(), RpcReply.NO_CODE, ns);
            case UNREACHABLE -> new SubmitBlockResult(Status.UNREACHABLE, reply.message(), RpcReply.NO_CODE, ns);
        };
    }

    /**
     * @param status QUEUE_FULL or CLOSED.
     * @param reason one-line cause.
     * @return a result for a block that never reached dashd.
     */
    public static SubmitBlockResult notSubmitted(final Status status, final String reason)
    {
        return new SubmitBlockResult(status, reason, RpcReply.NO_CODE, 0);
    }

    private static SubmitBlockResult ofResult(final JsonNode result, final long ns)
    {
        if (result.isNull())
        {
            return new SubmitBlockResult(Status.ACCEPTED, null, RpcReply.NO_CODE, ns);
        }
        if (!result.isTextual())
        {
            return new SubmitBlockResult(Status.RPC_ERROR, "unexpected submitblock result of type " +
                result.getNodeType().name().toLowerCase(), RpcReply.NO_CODE, ns);
        }
        final String text = result.textValue();
        final Status status = switch (text)
        {
            case "duplicate" -> Status.DUPLICATE;
            case "inconclusive", "duplicate-inconclusive" -> Status.INCONCLUSIVE;
            default -> Status.REJECTED;
        };
        return new SubmitBlockResult(status, text, RpcReply.NO_CODE, ns);
    }

    /**
     * @return the outcome.
     */
    public Status status()
    {
        return status;
    }

    /**
     * @return dashd's result string (rejection reason, "duplicate"...), error message or failure
     * cause; null when accepted.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * @return JSON-RPC error code for {@link Status#RPC_ERROR}, else {@link RpcReply#NO_CODE}.
     */
    public int errorCode()
    {
        return errorCode;
    }

    /**
     * @return nanoseconds from sending the request to the answer; 0 when never sent.
     */
    public long elapsedNs()
    {
        return elapsedNs;
    }

    /**
     * @return true when dashd has the block: accepted, duplicate or inconclusive.
     */
    public boolean dashdHasBlock()
    {
        return status == Status.ACCEPTED || status == Status.DUPLICATE || status == Status.INCONCLUSIVE;
    }

    /**
     * @return one line for logs and receipts, e.g. {@code rejected: bad-txnmrklroot (1.234 ms)}.
     */
    public String toString()
    {
        final String ms = String.format("(%.3f ms)", elapsedNs / 1e6);
        return switch (status)
        {
            case ACCEPTED -> "accepted " + ms;
            case DUPLICATE -> "duplicate " + ms;
            case INCONCLUSIVE, REJECTED -> status.name().toLowerCase() + ": " + reason + " " + ms;
            case RPC_ERROR -> "rpc error " + errorCode + ": " + reason + " " + ms;
            default -> status.name().toLowerCase().replace('_', ' ') + ": " + reason + " " + ms;
        };
    }
}
