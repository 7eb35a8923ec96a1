package io.dashcast.tools.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;

/**
 * One JSON-RPC reply as dashd writes it: {@code {"result":...,"error":...,"id":...}} (the 1.0 shape,
 * also for jsonrpc 2.0 requests, as Dash Core v22 does), and the HTTP status it gets when sent
 * alone: 200 with a result, 404 for -32601, 400 for -32600, 500 for any other error.
 *
 * @param httpStatus status when it is the whole answer.
 * @param json       the reply object, without a trailing newline.
 */
record Reply(int httpStatus, String json)
{
    static final int RPC_INVALID_REQUEST = -32600;
    static final int RPC_METHOD_NOT_FOUND = -32601;

    /**
     * @param resultJson the result as JSON text.
     * @param idJson     the id as JSON text.
     * @return a reply with a result.
     */
    static Reply result(final String resultJson, final String idJson)
    {
        return new Reply(200, "{\"result\":" + resultJson + ",\"error\":null,\"id\":" + idJson + "}");
    }

    /**
     * @param code    JSON-RPC error code.
     * @param message error message.
     * @param idJson  the id as JSON text.
     * @return a reply with an error object.
     */
    static Reply error(final int code, final String message, final String idJson)
    {
        final int status = code == RPC_METHOD_NOT_FOUND ? 404 : code == RPC_INVALID_REQUEST ? 400 : 500;
        return new Reply(status, "{\"result\":null,\"error\":{\"code\":" + code + ",\"message\":" + jsonString(message) +
            "},\"id\":" + idJson + "}");
    }

    /**
     * @return the reply as a whole HTTP body: the object and a newline.
     */
    byte[] body()
    {
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String jsonString(final String text)
    {
        try
        {
            return RequestScan.JSON.writeValueAsString(text);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
