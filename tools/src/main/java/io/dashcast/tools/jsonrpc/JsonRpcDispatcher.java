package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.dashd.Json;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.VarInt;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Turns a JSON-RPC request body into dashd's answer: status code and body, byte for byte as
 * Dash Core v22 writes them ({@code {"result":...,"error":...,"id":...}} plus a newline; a batch
 * as an array with one newline; jsonrpc 2.0 requests answered in this same 1.0 shape; the id
 * echoed as sent). Methods: {@code submitblock} (hex-decoded, walked with {@link BlockView},
 * coinbase and optionally merkle root checked, then given to the {@link BlockSink}),
 * {@code getblockcount} and {@code getbestblockhash} (through a {@link ChainQuery} when there is
 * one, else -32601 like any unknown method). Thread safe: per-thread scratch.
 */
final class JsonRpcDispatcher
{
    static final int RPC_MISC_ERROR = -1;
    static final int RPC_TYPE_ERROR = -3;
    static final int RPC_DESERIALIZATION_ERROR = -22;
    static final int RPC_VERIFY_ERROR = -25;
    static final int RPC_INVALID_REQUEST = -32600;
    static final int RPC_METHOD_NOT_FOUND = -32601;
    static final int RPC_PARSE_ERROR = -32700;

    /** Answers the read-only chain methods, e.g. by asking the local dashd. */
    @FunctionalInterface
    interface ChainQuery
    {
        /**
         * @param method {@code getblockcount} or {@code getbestblockhash}.
         * @return the answer to pass on.
         */
        RpcReply query(String method);
    }

    /**
     * @param httpStatus status code to send.
     * @param body       JSON text ending in a newline.
     */
    record Reply(int httpStatus, byte[] body)
    {
    }

    /** Per-thread walking and hashing state. */
    private static final class Scratch
    {
        final BlockView view = new BlockView();
        final Sha256d sha256d = new Sha256d();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        final byte[] hash = new byte[Sha256d.HASH_LENGTH];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final BlockSink sink;
    private final ChainQuery chain;
    private final boolean checkMerkleRoot;
    private final int maxBatchRequests;
    private final int maxBodyChars;
    private final ErrorHandler errorHandler;

    JsonRpcDispatcher(
        final BlockSink sink,
        final ChainQuery chain,
        final boolean checkMerkleRoot,
        final int maxBatchRequests,
        final int maxBodyChars,
        final ErrorHandler errorHandler)
    {
        this.sink = sink;
        this.chain = chain;
        this.checkMerkleRoot = checkMerkleRoot;
        this.maxBatchRequests = maxBatchRequests;
        this.maxBodyChars = maxBodyChars;
        this.errorHandler = errorHandler;
    }

    Reply dispatch(final String body)
    {
        final Object request;
        try
        {
            request = Json.parse(body, maxBodyChars);
        }
        catch (final Json.JsonException ex)
        {
            return single(errorReply(RPC_PARSE_ERROR, "Parse error", Json.NULL));
        }
        if (request instanceof Map)
        {
            return single(execute(request));
        }
        if (request instanceof List)
        {
            return batch((List<?>)request);
        }
        return single(errorReply(RPC_PARSE_ERROR, "Top-level object parse error", Json.NULL));
    }

    private Reply batch(final List<?> requests)
    {
        if (requests.size() > maxBatchRequests)
        {
            return single(errorReply(RPC_INVALID_REQUEST, "Batch of " + requests.size() +
                " requests exceeds " + maxBatchRequests, Json.NULL));
        }
        final StringBuilder out = new StringBuilder(64 * requests.size() + 2).append('[');
        for (int i = 0; i < requests.size(); i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            out.append(execute(requests.get(i)).json);
        }
        return new Reply(200, out.append("]\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Reply single(final Answer answer)
    {
        return new Reply(answer.httpStatus, (answer.json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** One reply object and the HTTP status it gets when sent alone. */
    private record Answer(int httpStatus, String json)
    {
    }

    private Answer execute(final Object element)
    {
        if (!(element instanceof Map))
        {
            return errorReply(RPC_INVALID_REQUEST, "Invalid Request object", Json.NULL);
        }
        final Map<?, ?> request = (Map<?, ?>)element;
        final Object id = request.containsKey("id") ? request.get("id") : Json.NULL;
        final Object method = request.get("method");
        if (method == null || method == Json.NULL)
        {
            return errorReply(RPC_INVALID_REQUEST, "Missing method", id);
        }
        if (!(method instanceof String))
        {
            return errorReply(RPC_INVALID_REQUEST, "Method must be a string", id);
        }
        final Object params = request.containsKey("params") ? request.get("params") : List.of();
        if (!(params instanceof List) && !(params instanceof Map) && params != Json.NULL)
        {
            return errorReply(RPC_INVALID_REQUEST, "Params must be an array or object", id);
        }
        try
        {
            return switch ((String)method)
            {
                case "submitblock" -> submitblock(params, id, false);
                case "dashcast_submitblock" -> submitblock(params, id, true);
                case "getblockcount", "getbestblockhash" -> chainQuery((String)method, id);
                default -> errorReply(RPC_METHOD_NOT_FOUND, "Method not found", id);
            };
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return errorReply(RPC_MISC_ERROR, "internal error: " + ex.getClass().getSimpleName(), id);
        }
    }

    private Answer submitblock(final Object params, final Object id, final boolean withReport)
    {
        final Object hexParam = firstParam(params, "hexdata");
        if (hexParam == null)
        {
            return errorReply(RPC_MISC_ERROR, "submitblock \"hexdata\" ( \"dummy\" )", id);
        }
        if (!(hexParam instanceof String))
        {
            return errorReply(RPC_TYPE_ERROR, "JSON value of type " + Json.typeName(hexParam) +
                " is not of expected type string", id);
        }
        final byte[] block;
        final Scratch scratch = SCRATCH.get();
        try
        {
            block = HexFormat.of().parseHex((String)hexParam);
            scratch.buffer.wrap(block);
            scratch.view.wrap(scratch.buffer, 0, block.length);
        }
        catch (final IllegalArgumentException | ProtocolException ex)
        {
            return errorReply(RPC_DESERIALIZATION_ERROR, "Block decode failed", id);
        }
        if (!startsWithCoinbase(scratch.view))
        {
            return errorReply(RPC_VERIFY_ERROR, "Block does not start with a coinbase", id);
        }
        if (checkMerkleRoot && !scratch.view.merkleRootMatches(scratch.sha256d, scratch.hash))
        {
            return resultReply("bad-txnmrklroot", id);
        }
        if (withReport)
        {
            final Object report = sink.submitWithReport(block);
            return report == null ? errorReply(RPC_METHOD_NOT_FOUND, "Method not found", id) : resultReply(report, id);
        }
        final SubmitOutcome outcome = sink.submit(block);
        if (outcome.isError())
        {
            return errorReply(outcome.errorCode(), outcome.errorMessage(), id);
        }
        return resultReply(outcome.result() == null ? Json.NULL : outcome.result(), id);
    }

    private Answer chainQuery(final String method, final Object id)
    {
        if (chain == null)
        {
            return errorReply(RPC_METHOD_NOT_FOUND, "Method not found", id);
        }
        final RpcReply reply = chain.query(method);
        return switch (reply.status())
        {
            case OK -> resultReply(reply.result(), id);
            case RPC_ERROR -> errorReply(reply.errorCode() == RpcReply.NO_CODE ? RPC_MISC_ERROR : reply.errorCode(), reply.message(), id);
            default -> errorReply(RPC_MISC_ERROR, "dashd unavailable: " + reply.message(), id);
        };
    }

    private static Object firstParam(final Object params, final String name)
    {
        if (params instanceof List)
        {
            final List<?> list = (List<?>)params;
            return list.isEmpty() ? null : list.get(0);
        }
        if (params instanceof Map)
        {
            return ((Map<?, ?>)params).get(name);
        }
        return null;
    }

    /**
     * The first transaction must have exactly one input spending the null outpoint
     * (32 zero bytes, index 0xffffffff): dashd's "Block does not start with a coinbase".
     */
    private static boolean startsWithCoinbase(final BlockView view)
    {
        final int start = view.transactionOffset(0);
        final int limit = start + view.transactionLength(0);
        final int countOffset = start + 4;
        if (VarInt.read(view.buffer(), countOffset, limit, limit) != 1)
        {
            return false;
        }
        final int outpoint = countOffset + VarInt.encodedLength(view.buffer(), countOffset);
        for (int i = 0; i < Sha256d.HASH_LENGTH; i++)
        {
            if (view.buffer().getByte(outpoint + i) != 0)
            {
                return false;
            }
        }
        return view.buffer().getInt(outpoint + Sha256d.HASH_LENGTH, LITTLE_ENDIAN) == -1;
    }

    private static Answer resultReply(final Object result, final Object id)
    {
        final StringBuilder out = new StringBuilder(64).append("{\"result\":");
        Json.write(out, result).append(",\"error\":null,\"id\":");
        return new Answer(200, Json.write(out, id).append('}').toString());
    }

    static Answer errorReply(final int code, final String message, final Object id)
    {
        final StringBuilder out = new StringBuilder(96).append("{\"result\":null,\"error\":{\"code\":").append(code).append(",\"message\":");
        Json.writeString(out, message).append("},\"id\":");
        return new Answer(httpStatusOf(code), Json.write(out, id).append('}').toString());
    }

    private static int httpStatusOf(final int code)
    {
        return switch (code)
        {
            case RPC_INVALID_REQUEST -> 400;
            case RPC_METHOD_NOT_FOUND -> 404;
            default -> 500;
        };
    }
}
