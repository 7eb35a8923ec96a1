package io.dashcast.engine.dashd;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Talks to a dashd over its JSON-RPC: {@code submitblock} for the fallback path,
 * {@code getblockcount} and {@code getbestblockhash} for health checks and proxying.
 * <p>
 * Every call opens its own connection and is bounded by the context's connect and request
 * timeouts, so the client is thread safe and never reuses a connection dashd closed while idle.
 * Every answer shape dashd gives is classified into an {@link RpcReply} (and, for
 * {@code submitblock}, a {@link SubmitBlockResult}): a null or string result with HTTP 200, an
 * error object with HTTP 500 or 404, an empty HTTP 401, a refused or closed connection, a timeout.
 * Nothing here throws for a dashd problem.
 * <p>
 * With a cookie file, the cookie ({@code __cookie__:<hex>}, as dashd writes it to
 * {@code <datadir>/.cookie}) is read on first use and read again once after an HTTP 401, since
 * dashd writes a fresh cookie every time it starts.
 */
public final class DashdRpcClient
{
    private static final byte[] SUBMIT_PREFIX =
        "{\"jsonrpc\":\"1.0\",\"id\":\"dashcast\",\"method\":\"submitblock\",\"params\":[\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBMIT_SUFFIX = "\"]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Context ctx;
    private final InetSocketAddress address;
    private volatile String authorization;

    /**
     * @param ctx settings; concluded here if not already.
     * @throws IllegalArgumentException with a one-line message when the settings are invalid.
     */
    public DashdRpcClient(final Context ctx)
    {
        this.ctx = ctx.conclude();
        this.address = InetSocketAddress.createUnresolved(ctx.host(), ctx.port());
        if (ctx.password() != null)
        {
            authorization = basic(ctx.user() + ":" + ctx.password());
        }
    }

    /**
     * @return the concluded settings.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Submit a block given as hex, as a pool would.
     *
     * @param hex the serialized block in hex.
     * @return dashd's answer, typed.
     */
    public SubmitBlockResult submitblock(final String hex)
    {
        final byte[] digits = hex.getBytes(StandardCharsets.ISO_8859_1);
        final byte[] body = new byte[SUBMIT_PREFIX.length + digits.length + SUBMIT_SUFFIX.length];
        System.arraycopy(SUBMIT_PREFIX, 0, body, 0, SUBMIT_PREFIX.length);
        System.arraycopy(digits, 0, body, SUBMIT_PREFIX.length, digits.length);
        System.arraycopy(SUBMIT_SUFFIX, 0, body, SUBMIT_PREFIX.length + digits.length, SUBMIT_SUFFIX.length);
        return SubmitBlockResult.of(post(body));
    }

    /**
     * Submit a block held in an array; the hex is written straight into the request body.
     *
     * @param block  serialized block bytes.
     * @param offset first byte.
     * @param length bytes of the block.
     * @return dashd's answer, typed.
     */
    public SubmitBlockResult submitblock(final byte[] block, final int offset, final int length)
    {
        return submitblock(new UnsafeBuffer(block, offset, length), 0, length);
    }

    /**
     * Submit a block held in a buffer; the bytes are read (to hex) on the calling thread.
     *
     * @param buffer holding the block.
     * @param offset first byte.
     * @param length bytes of the block.
     * @return dashd's answer, typed.
     */
    public SubmitBlockResult submitblock(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] body = new byte[SUBMIT_PREFIX.length + 2 * length + SUBMIT_SUFFIX.length];
        System.arraycopy(SUBMIT_PREFIX, 0, body, 0, SUBMIT_PREFIX.length);
        int p = SUBMIT_PREFIX.length;
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xff;
            body[p++] = HEX[b >>> 4];
            body[p++] = HEX[b & 0xf];
        }
        System.arraycopy(SUBMIT_SUFFIX, 0, body, p, SUBMIT_SUFFIX.length);
        return SubmitBlockResult.of(post(body));
    }

    /**
     * Health check: the height of dashd's best chain.
     *
     * @return OK with a {@link Json.NumberText} result, or why not.
     */
    public RpcReply getblockcount()
    {
        return call("getblockcount", "[]");
    }

    /**
     * @return OK with the best block hash (display hex string) as result, or why not.
     */
    public RpcReply getbestblockhash()
    {
        return call("getbestblockhash", "[]");
    }

    /**
     * Call any method.
     *
     * @param method     the RPC method name.
     * @param paramsJson the params array or object as JSON text, e.g. {@code []}.
     * @return the classified answer.
     */
    public RpcReply call(final String method, final String paramsJson)
    {
        final StringBuilder body = new StringBuilder(64 + paramsJson.length()).append("{\"jsonrpc\":\"1.0\",\"id\":\"dashcast\",\"method\":");
        Json.writeString(body, method).append(",\"params\":").append(paramsJson).append('}');
        return post(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private RpcReply post(final byte[] body)
    {
        final long start = System.nanoTime();
        final String auth = authorization(false);
        if (auth == null)
        {
            return RpcReply.failure(RpcReply.Status.UNREACHABLE, cookieProblem(), 0, System.nanoTime() - start);
        }
        RpcReply reply = exchange(auth, body, start);
        if (reply.status() == RpcReply.Status.AUTH_FAILED && ctx.password() == null)
        {
            final String fresh = authorization(true);
            if (fresh != null && !fresh.equals(auth))
            {
                reply = exchange(fresh, body, start);
            }
        }
        return reply;
    }

    private RpcReply exchange(final String auth, final byte[] body, final long start)
    {
        try
        {
            final HttpPost.Answer answer = HttpPost.post(
                resolved(), auth, body, ctx.connectTimeoutMs(), ctx.requestTimeoutMs(), ctx.maxAnswerBytes());
            return classify(answer, System.nanoTime() - start);
        }
        catch (final HttpPost.TimeoutException ex)
        {
            final RpcReply.Status status = ex.connected ? RpcReply.Status.TIMEOUT : RpcReply.Status.UNREACHABLE;
            return RpcReply.failure(status, ex.getMessage() + " from " + endpoint(), 0, System.nanoTime() - start);
        }
        catch (final HttpPost.MalformedAnswerException ex)
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, ex.getMessage(), 0, System.nanoTime() - start);
        }
        catch (final ConnectException ex)
        {
            return RpcReply.failure(
                RpcReply.Status.UNREACHABLE, "cannot connect to " + endpoint() + ": " + reason(ex), 0, System.nanoTime() - start);
        }
        catch (final IOException | RuntimeException ex)
        {
            return RpcReply.failure(
                RpcReply.Status.UNREACHABLE, endpoint() + ": " + reason(ex), 0, System.nanoTime() - start);
        }
    }

    private RpcReply classify(final HttpPost.Answer answer, final long elapsedNs)
    {
        final int http = answer.status();
        if (http == 401 || http == 403)
        {
            final String why = http == 401 ? "wrong rpcuser/rpcpassword or cookie" : "forbidden (rpcallowip?)";
            return RpcReply.failure(RpcReply.Status.AUTH_FAILED, "HTTP " + http + " from " + endpoint() + ": " + why, http, elapsedNs);
        }
        final Object parsed;
        try
        {
            parsed = Json.parse(new String(answer.body(), StandardCharsets.UTF_8), ctx.maxAnswerBytes());
        }
        catch (final Json.JsonException ex)
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, "HTTP " + http + " with an unreadable body: " + ex.getMessage(), http, elapsedNs);
        }
        if (!(parsed instanceof Map))
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, "HTTP " + http + " with a " + Json.typeName(parsed) + " body", http, elapsedNs);
        }
        final Map<?, ?> envelope = (Map<?, ?>)parsed;
        final Object error = envelope.get("error");
        if (error instanceof Map)
        {
            return rpcError((Map<?, ?>)error, http, elapsedNs);
        }
        if (http != 200 || (error != null && error != Json.NULL) || !envelope.containsKey("result"))
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, "HTTP " + http + " without a result", http, elapsedNs);
        }
        return RpcReply.ok(envelope.get("result"), http, elapsedNs);
    }

    private static RpcReply rpcError(final Map<?, ?> error, final int http, final long elapsedNs)
    {
        final Object code = error.get("code");
        final Object message = error.get("message");
        int value = RpcReply.NO_CODE;
        if (code instanceof Json.NumberText)
        {
            try
            {
                value = (int)((Json.NumberText)code).longValue();
            }
            catch (final Json.JsonException ignore)
            {
                // Keep NO_CODE: the message still says what went wrong.
            }
        }
        return RpcReply.rpcError(value, message instanceof String ? (String)message : String.valueOf(message), http, elapsedNs);
    }

    private InetSocketAddress resolved()
    {
        return new InetSocketAddress(address.getHostString(), address.getPort());
    }

    private String endpoint()
    {
        return "dashd at " + ctx.host() + ":" + ctx.port();
    }

    private String authorization(final boolean reread)
    {
        if (ctx.password() != null || (!reread && authorization != null))
        {
            return authorization;
        }
        try
        {
            final String cookie = Files.readString(ctx.cookieFile(), StandardCharsets.UTF_8).trim();
            if (cookie.indexOf(':') <= 0 || cookie.length() > 1024)
            {
                return null;
            }
            authorization = basic(cookie);
            return authorization;
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private String cookieProblem()
    {
        final Path file = ctx.cookieFile();
        if (!Files.isReadable(file))
        {
            return "cannot read dashd cookie file " + file + " (is dashd running with this datadir?)";
        }
        return "dashd cookie file " + file + " does not hold user:password";
    }

    private static String basic(final String userColonPassword)
    {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(final Throwable ex)
    {
        final String message = ex.getMessage();
        return message == null || message.isEmpty() ? ex.getClass().getSimpleName() : message;
    }

    /**
     * Where dashd is and how to log in, with bounded timeouts. Fluent setters;
     * {@link #conclude()} validates once.
     */
    public static final class Context
    {
        /** Default dashd RPC host: loopback. */
        public static final String DEFAULT_HOST = "127.0.0.1";
        /** Default dashd RPC port (mainnet). */
        public static final int DEFAULT_PORT = 9998;
        /** Default connect timeout. */
        public static final long DEFAULT_CONNECT_TIMEOUT_MS = 1_000;
        /** Default request timeout: a 2 MB block takes dashd well under a second to check. */
        public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
        /** Default bound on an answer's body. */
        public static final int DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String user;
        private String password;
        private Path cookieFile;
        private long connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
        private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
        private int maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;
        private boolean concluded;

        /**
         * Validate the settings. Idempotent.
         *
         * @return this.
         * @throws IllegalArgumentException with a one-line message naming the bad setting.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (host == null || host.isBlank())
            {
                throw new IllegalArgumentException("dashd rpc host is empty");
            }
            if (port < 1 || port > 65535)
            {
                throw new IllegalArgumentException("dashd rpc port " + port + " is not in 1..65535");
            }
            if (password != null && (user == null || user.isEmpty()))
            {
                throw new IllegalArgumentException("dashd rpcpassword is set but rpcuser is empty");
            }
            if (password == null && cookieFile == null)
            {
                throw new IllegalArgumentException("no dashd credentials: set rpcuser and rpcpassword, or the cookie file");
            }
            if (connectTimeoutMs <= 0 || requestTimeoutMs <= 0)
            {
                throw new IllegalArgumentException("dashd rpc timeouts must be positive");
            }
            if (maxAnswerBytes < 1024)
            {
                throw new IllegalArgumentException("dashd rpc max answer bytes must be at least 1024");
            }
            concluded = true;
            return this;
        }

        /**
         * @param host dashd's RPC host or address (default 127.0.0.1).
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * @return dashd's RPC host.
         */
        public String host()
        {
            return host;
        }

        /**
         * @param port dashd's RPC port (mainnet 9998, testnet 19998, regtest 19898).
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @return dashd's RPC port.
         */
        public int port()
        {
            return port;
        }

        /**
         * @param user rpcuser.
         * @return this.
         */
        public Context user(final String user)
        {
            this.user = user;
            return this;
        }

        /**
         * @return rpcuser, or null.
         */
        public String user()
        {
            return user;
        }

        /**
         * @param password rpcpassword; when set it wins over the cookie file.
         * @return this.
         */
        public Context password(final String password)
        {
            this.password = password;
            return this;
        }

        /**
         * @return rpcpassword, or null.
         */
        public String password()
        {
            return password;
        }

        /**
         * @param cookieFile dashd's {@code .cookie} (in its datadir, or the network's subdirectory).
         * @return this.
         */
        public Context cookieFile(final Path cookieFile)
        {
            this.cookieFile = cookieFile;
            return this;
        }

        /**
         * @return the cookie file, or null.
         */
        public Path cookieFile()
        {
            return cookieFile;
        }

        /**
         * @param connectTimeoutMs bound on establishing the TCP connection.
         * @return this.
         */
        public Context connectTimeoutMs(final long connectTimeoutMs)
        {
            this.connectTimeoutMs = connectTimeoutMs;
            return this;
        }

        /**
         * @return bound on establishing the TCP connection.
         */
        public long connectTimeoutMs()
        {
            return connectTimeoutMs;
        }

        /**
         * @param requestTimeoutMs bound on a whole call, connect included.
         * @return this.
         */
        public Context requestTimeoutMs(final long requestTimeoutMs)
        {
            this.requestTimeoutMs = requestTimeoutMs;
            return this;
        }

        /**
         * @return bound on a whole call.
         */
        public long requestTimeoutMs()
        {
            return requestTimeoutMs;
        }

        /**
         * @param maxAnswerBytes bound on an answer's body.
         * @return this.
         */
        public Context maxAnswerBytes(final int maxAnswerBytes)
        {
            this.maxAnswerBytes = maxAnswerBytes;
            return this;
        }

        /**
         * @return bound on an answer's body.
         */
        public int maxAnswerBytes()
        {
            return maxAnswerBytes;
        }

        public String toString()
        {
            return "dashd " + host + ":" + port + (password != null ? " user " + user : " cookie " + cookieFile);
        }
    }
}
