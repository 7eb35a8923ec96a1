package io.dashcast.engine.dashd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Talks to a dashd over its JSON-RPC with Jetty's {@link HttpClient} (shared, {@link DashdHttp}; it
 * took a quarter of the JDK client's time per call on loopback): {@code submitblock} for the
 * fallback path, {@code getblockcount} and {@code getbestblockhash} for health checks, any method
 * with {@link #call}, and {@link #forward}, which passes a request body through unchanged and
 * returns dashd's status and body unchanged (the gateway's pass-through).
 * <p>
 * Calls are bounded by the context's connect and request timeouts (a forward may opt out: a
 * long-polling {@code getblocktemplate} waits as long as dashd makes it). Every answer shape dashd
 * gives is classified into an {@link RpcReply} (and, for {@code submitblock}, a
 * {@link SubmitBlockResult}): a result with HTTP 200, an error object with HTTP 500 or 404, an
 * empty HTTP 401, a refused or closed connection, a timeout. Nothing here throws for a dashd problem.
 * <p>
 * With a cookie file, the cookie ({@code __cookie__:<hex>}, as dashd writes it to
 * {@code <datadir>/.cookie}) is read on first use and read again once after an HTTP 401, since
 * dashd writes a fresh cookie every time it starts. Thread safe.
 */
public final class DashdRpcClient
{
    /** Bound on a forwarded answer (a mainnet {@code getblocktemplate} is a few MB of JSON). */
    public static final int MAX_FORWARD_ANSWER_BYTES = 64 * 1024 * 1024;
    /** A forward that may wait as long as dashd makes it still ends after a day. */
    private static final long UNBOUNDED_IDLE_MS = TimeUnit.DAYS.toMillis(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SUBMIT_PREFIX =
        "{\"jsonrpc\":\"1.0\",\"id\":\"dashcast\",\"method\":\"submitblock\",\"params\":[\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBMIT_SUFFIX = "\"]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Context ctx;
    private final HttpClient http;
    private final URI root;
    private volatile String authorization;

    /**
     * The unchanged answer to a forwarded request.
     *
     * @param status      HTTP status as dashd sent it.
     * @param body        body as dashd sent it.
     * @param contentType dashd's Content-Type, or null.
     */
    public record Answer(int status, byte[] body, String contentType)
    {
    }

    /**
     * @param ctx settings; concluded here if not already.
     * @throws IllegalArgumentException with a one-line message when the settings are invalid.
     */
    public DashdRpcClient(final Context ctx)
    {
        this.ctx = ctx.conclude();
        this.root = URI.create("http://" + hostForUri(ctx.host()) + ":" + ctx.port());
        this.http = DashdHttp.client(ctx.connectTimeoutMs());
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
     * @return OK with a number result, or why not.
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
        final String body;
        try
        {
            body = "{\"jsonrpc\":\"1.0\",\"id\":\"dashcast\",\"method\":" + JSON.writeValueAsString(method) +
                ",\"params\":" + paramsJson + "}";
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(ex);
        }
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Pass a request through to dashd unchanged, with this client's credentials.
     *
     * @param path    the request path ({@code /} or {@code /wallet/<name>}).
     * @param body    the request body, unchanged.
     * @param bounded true to apply the request timeout; false for calls dashd itself may hold open
     *                (long-polling {@code getblocktemplate}).
     * @return dashd's status, body and content type; fails with an {@link IOException} when dashd
     * could not be asked or did not answer.
     */
    public CompletableFuture<Answer> forward(final String path, final byte[] body, final boolean bounded)
    {
        final String auth = authorization(false);
        if (auth == null)
        {
            return CompletableFuture.failedFuture(new IOException(cookieProblem()));
        }
        return forward(path, body, bounded, auth).thenCompose(answer ->
        {
            if (answer.status() == 401 && ctx.password() == null)
            {
                final String fresh = authorization(true);
                if (fresh != null && !fresh.equals(auth))
                {
                    return forward(path, body, bounded, fresh);
                }
            }
            return CompletableFuture.completedFuture(answer);
        });
    }

    private CompletableFuture<Answer> forward(final String path, final byte[] body, final boolean bounded, final String auth)
    {
        final Request request = request(root.resolve(path), auth, body);
        if (bounded)
        {
            request.timeout(ctx.requestTimeoutMs(), TimeUnit.MILLISECONDS)
                .idleTimeout(ctx.requestTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
        }
        else
        {
            request.idleTimeout(UNBOUNDED_IDLE_MS, TimeUnit.MILLISECONDS);
        }
        return new CompletableResponseListener(request, MAX_FORWARD_ANSWER_BYTES).send()
            .thenApply(response -> new Answer(response.getStatus(), response.getContent(),
                response.getHeaders().get(HttpHeader.CONTENT_TYPE)));
    }

    private Request request(final URI uri, final String auth, final byte[] body)
    {
        return http.newRequest(uri)
            .method(HttpMethod.POST)
            .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, auth))
            .body(new BytesRequestContent("application/json", body));
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
        final Request request = request(root, auth, body)
            .timeout(ctx.requestTimeoutMs(), TimeUnit.MILLISECONDS)
            .idleTimeout(ctx.requestTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
        try
        {
            // One byte over the bound fails the exchange: an answer that large is refused, not cut.
            final ContentResponse response = new CompletableResponseListener(request, ctx.maxAnswerBytes() + 1).send().get();
            return classify(response.getStatus(), response.getContent(), System.nanoTime() - start);
        }
        catch (final ExecutionException | CompletionException ex)
        {
            return failure(ex.getCause() != null ? ex.getCause() : ex, start);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return RpcReply.failure(RpcReply.Status.UNREACHABLE, "interrupted", 0, System.nanoTime() - start);
        }
    }

    private RpcReply failure(final Throwable cause, final long start)
    {
        final long elapsedNs = System.nanoTime() - start;
        if (cause instanceof SocketTimeoutException)
        {
            return RpcReply.failure(RpcReply.Status.UNREACHABLE, "no connection within " + ctx.connectTimeoutMs() +
                " ms to " + endpoint(), 0, elapsedNs);
        }
        if (cause instanceof TimeoutException)
        {
            return RpcReply.failure(RpcReply.Status.TIMEOUT, "no answer within " + ctx.requestTimeoutMs() + " ms from " +
                endpoint(), 0, elapsedNs);
        }
        if (cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage()).contains("capacity"))
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, "answer larger than " + ctx.maxAnswerBytes() + " bytes from " +
                endpoint(), 0, elapsedNs);
        }
        if (cause instanceof ConnectException)
        {
            return RpcReply.failure(RpcReply.Status.UNREACHABLE, "cannot connect to " + endpoint() + ": " + reason(cause), 0,
                elapsedNs);
        }
        return RpcReply.failure(RpcReply.Status.UNREACHABLE, endpoint() + ": " + reason(cause), 0, elapsedNs);
    }

    private RpcReply classify(final int http, final byte[] body, final long elapsedNs)
    {
        if (http == 401 || http == 403)
        {
            final String why = http == 401 ? "wrong rpcuser/rpcpassword or cookie" : "forbidden (rpcallowip?)";
            return RpcReply.failure(RpcReply.Status.AUTH_FAILED, "HTTP " + http + " from " + endpoint() + ": " + why, http, elapsedNs);
        }
        final JsonNode envelope;
        try
        {
            envelope = JSON.readTree(body);
        }
        catch (final IOException ex)
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, "HTTP " + http + " with an unreadable body: " +
                ex.getMessage(), http, elapsedNs);
        }
        if (envelope == null || !envelope.isObject())
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, "HTTP " + http + " with a " +
                (envelope == null ? "empty" : envelope.getNodeType().name().toLowerCase()) + " body", http, elapsedNs);
        }
        final JsonNode error = envelope.get("error");
        if (error != null && error.isObject())
        {
            return rpcError(error, http, elapsedNs);
        }
        if (http != 200 || (error != null && !error.isNull()) || !envelope.has("result"))
        {
            return RpcReply.rpcError(RpcReply.NO_CODE, "HTTP " + http + " without a result", http, elapsedNs);
        }
        return RpcReply.ok(envelope.get("result"), http, elapsedNs);
    }

    private static RpcReply rpcError(final JsonNode error, final int http, final long elapsedNs)
    {
        final JsonNode code = error.get("code");
        final JsonNode message = error.get("message");
        final int value = code != null && code.canConvertToInt() ? code.intValue() : RpcReply.NO_CODE;
        return RpcReply.rpcError(value, message != null && message.isTextual() ? message.textValue() : String.valueOf(message),
            http, elapsedNs);
    }

    private static String hostForUri(final String host)
    {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
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
