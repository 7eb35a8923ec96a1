package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.engine.dashd.SubmitBlockResult;

import java.util.Objects;

/**
 * The answer to one {@code submitblock}, in dashd's terms: a result ({@code null} when accepted,
 * else a BIP22 string such as {@code "duplicate"}, {@code "inconclusive"} or a rejection reason),
 * answered with HTTP 200; or an RPC error object (code and message), answered with HTTP 500.
 */
public final class SubmitOutcome
{
    /** {@code "result":null}. */
    public static final SubmitOutcome ACCEPTED = new SubmitOutcome(null, 0, null);
    /** {@code "result":"duplicate"}. */
    public static final SubmitOutcome DUPLICATE = new SubmitOutcome("duplicate", 0, null);
    /** {@code "result":"inconclusive"}. */
    public static final SubmitOutcome INCONCLUSIVE = new SubmitOutcome("inconclusive", 0, null);
    /**
     * {@code "result":"queue-full"}: rejected because the broadcaster's ring had no free slot;
     * the block was not sent anywhere. A pool logs it as a rejection reason, as it does dashd's.
     */
    public static final SubmitOutcome QUEUE_FULL = new SubmitOutcome("queue-full", 0, null);

    private final String result;
    private final int errorCode;
    private final String errorMessage;

    private SubmitOutcome(final String result, final int errorCode, final String errorMessage)
    {
        this.result = result;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /**
     * @param reason BIP22 reason string, e.g. {@code "bad-txnmrklroot"}.
     * @return an HTTP 200 answer with that string as result.
     */
    public static SubmitOutcome rejected(final String reason)
    {
        return new SubmitOutcome(Objects.requireNonNull(reason, "reason"), 0, null);
    }

    /**
     * @param code    JSON-RPC error code, e.g. -22 (decode failed) or -1 (misc).
     * @param message error message.
     * @return an HTTP 500 answer with an error object.
     */
    public static SubmitOutcome error(final int code, final String message)
    {
        return new SubmitOutcome(null, code, Objects.requireNonNull(message, "message"));
    }

    /**
     * Answer a pool with what the fallback dashd said: accepted, duplicate, inconclusive and
     * rejections pass through; dashd's RPC errors pass through (-1 when it had no code); when
     * dashd could not be asked (unreachable, timeout, credentials, closed), "inconclusive",
     * since the block may well have reached the network by P2P; a full fallback queue, "queue-full".
     *
     * @param result the fallback's typed result.
     * @return the answer.
     */
    public static SubmitOutcome of(final SubmitBlockResult result)
    {
        return switch (result.status())
        {
            case ACCEPTED -> ACCEPTED;
            case DUPLICATE -> DUPLICATE;
            case INCONCLUSIVE, REJECTED -> rejected(result.reason());
            case RPC_ERROR -> error(result.errorCode() == RpcReply.NO_CODE ? -1 : result.errorCode(), result.reason());
            case QUEUE_FULL -> QUEUE_FULL;
            default -> INCONCLUSIVE;
        };
    }

    /**
     * @return true for an error object answer.
     */
    public boolean isError()
    {
        return errorMessage != null;
    }

    /**
     * @return the result string; null when accepted or an error.
     */
    public String result()
    {
        return result;
    }

    /**
     * @return the error code when {@link #isError()}.
     */
    public int errorCode()
    {
        return errorCode;
    }

    /**
     * @return the error message when {@link #isError()}, else null.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    public String toString()
    {
        return isError() ? "error " + errorCode + ": " + errorMessage : (result == null ? "accepted" : result);
    }
}
