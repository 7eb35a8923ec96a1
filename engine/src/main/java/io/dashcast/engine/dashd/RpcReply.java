package io.dashcast.engine.dashd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One answer from dashd's JSON-RPC, classified: a result, an RPC error object, rejected
 * credentials, no answer in time, or no connection at all.
 */
public final class RpcReply
{
    /** How the exchange ended. */
    public enum Status
    {
        /** HTTP answered with {@code "error":null}; {@link #result()} holds the result. */
        OK,
        /** HTTP answered with an error object (or an unreadable body); see code and message. */
        RPC_ERROR,
        /** HTTP 401 or 403: wrong rpcuser/rpcpassword or cookie, or an rpcallowip refusal. */
        AUTH_FAILED,
        /** Connected (or connecting) but no answer within the configured timeout. */
        TIMEOUT,
        /** No connection: refused, reset, closed before an answer, or the cookie is unreadable. */
        UNREACHABLE
    }

    /** Error code used when an answer carries no JSON-RPC error code of its own. */
    public static final int NO_CODE = 0;

    private final Status status;
    private final JsonNode result;
    private final int errorCode;
    private final String message;
    private final int httpStatus;
    private final long elapsedNs;

    private RpcReply(
        final Status status,
        final JsonNode result,
        final int errorCode,
        final String message,
        final int httpStatus,
        final long elapsedNs)
    {
        this.status = status;
        this.result = result;
        this.errorCode = errorCode;
        this.message = message;
        this.httpStatus = httpStatus;
        this.elapsedNs = elapsedNs;
    }

    /**
     * @param result     the parsed result (a null node for null).
     * @param httpStatus HTTP status of the answer.
     * @param elapsedNs  request to answer.
     * @return an OK reply.
     */
    public static RpcReply ok(final JsonNode result, final int httpStatus, final long elapsedNs)
    {
        return new RpcReply(Status.OK, Objects.requireNonNull(result, "result"), NO_CODE, null, httpStatus, elapsedNs);
    }

    /**
     * @param code       JSON-RPC error code ({@link #NO_CODE} when the body had none).
     * @param message    error message.
     * @param httpStatus HTTP status of the answer.
     * @param elapsedNs  request to answer.
     * @return an RPC_ERROR reply.
     */
    public static RpcReply rpcError(final int code, final String message, final int httpStatus, final long elapsedNs)
    {
        return new RpcReply(Status.RPC_ERROR, null, code, message, httpStatus, elapsedNs);
    }

    /**
     * @param status    AUTH_FAILED, TIMEOUT or UNREACHABLE.
     * @param message   one-line cause.
     * @param httpStatus HTTP status, or 0 when there was no answer.
     * @param elapsedNs request to failure.
     * @return a failed reply.
     */
    public static RpcReply failure(final Status status, final String message, final int httpStatus, final long elapsedNs)
    {
        if (status == Status.OK || status == Status.RPC_ERROR)
        {
            throw new IllegalArgumentException("not a failure status: " + status);
        }
        return new RpcReply(status, null, NO_CODE, message, httpStatus, elapsedNs);
    }

    /**
     * @return how the exchange ended.
     */
    public Status status()
    {
        return status;
    }

    /**
     * @return the parsed result when {@link Status#OK} (a null node for null), else null.
     */
    public JsonNode result()
    {
        return result;
    }

    /**
     * @return the JSON-RPC error code when {@link Status#RPC_ERROR}, else {@link #NO_CODE}.
     */
    public int errorCode()
    {
        return errorCode;
    }

    /**
     * @return error message or failure cause; null when OK.
     */
    public String message()
    {
        return message;
    }

    /**
     * @return HTTP status of the answer, 0 when there was none.
     */
    public int httpStatus()
    {
        return httpStatus;
    }

    /**
     * @return nanoseconds from sending the request to the answer or the failure.
     */
    public long elapsedNs()
    {
        return elapsedNs;
    }

    public String toString()
    {
        return switch (status)
        {
            case OK -> "ok: " + result;
            case RPC_ERROR -> "rpc error " + errorCode + ": " + message;
            default -> status.name().toLowerCase() + ": " + message;
        };
    }
}
