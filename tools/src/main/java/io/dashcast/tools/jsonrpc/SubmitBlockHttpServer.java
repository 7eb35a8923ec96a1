package io.dashcast.tools.jsonrpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dashcast.engine.dashd.DashdRpcClient;
import org.agrona.ErrorHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dashd-compatible JSON-RPC endpoint for {@code submitblock}, so a pool can point its block
 * submission at dashcast instead of dashd. Runs on the JDK's HTTP server, bound to 127.0.0.1 by
 * default (a non-loopback address is refused unless explicitly allowed), with HTTP Basic
 * authentication by rpcuser/rpcpassword or, when no password is configured, by a cookie it
 * generates like dashd ({@link RpcCookie}). Request bodies are bounded ({@link Context#maxBodyBytes});
 * a larger one gets HTTP 413 with an empty body and the connection closed, as libevent does in
 * dashd. Answers follow {@code vectors/rpc/README.md}; see {@link JsonRpcDispatcher}.
 * Wrong or missing credentials get HTTP 401 with {@code WWW-Authenticate: Basic realm="jsonrpc"}
 * and an empty body. Nothing here prints a stack trace: unexpected errors go to the
 * {@link ErrorHandler} and the client gets an RPC error.
 */
public final class SubmitBlockHttpServer implements AutoCloseable
{
    private static final byte[] EMPTY = new byte[0];

    private final Context ctx;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final JsonRpcDispatcher dispatcher;
    private final RpcCookie cookie;
    private final byte[] expectedCredentials;

    private SubmitBlockHttpServer(final Context ctx, final HttpServer server, final ThreadPoolExecutor executor, final RpcCookie cookie)
    {
        this.ctx = ctx;
        this.server = server;
        this.executor = executor;
        this.cookie = cookie;
        final String credentials = cookie != null ? cookie.userColonPassword() : ctx.rpcUser() + ":" + ctx.rpcPassword();
        this.expectedCredentials = credentials.getBytes(StandardCharsets.UTF_8);
        final DashdRpcClient proxy = ctx.dashdProxy();
        this.dispatcher = new JsonRpcDispatcher(
            ctx.blockSink(),
            proxy == null ? null : method -> proxy.call(method, "[]"),
            ctx.checkMerkleRoot(),
            ctx.maxBatchRequests(),
            ctx.maxBodyBytes(),
            ctx.errorHandler());
    }

    /**
     * Validate the context, write the cookie when cookie authentication is used, and listen.
     *
     * @param ctx settings.
     * @return the running server.
     * @throws IllegalArgumentException with a one-line message for bad settings.
     * @throws UncheckedIOException     with a one-line message when the address cannot be bound
     *                                  or the cookie cannot be written.
     */
    public static SubmitBlockHttpServer start(final Context ctx)
    {
        ctx.conclude();
        final InetSocketAddress address = new InetSocketAddress(ctx.bindAddress(), ctx.port());
        final HttpServer server;
        try
        {
            server = HttpServer.create(address, ctx.backlog());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen for JSON-RPC on " + ctx.bindAddress().getHostAddress() + ":" +
                ctx.port() + ": " + ex.getMessage(), ex);
        }
        final RpcCookie cookie;
        try
        {
            cookie = ctx.rpcPassword() == null ? RpcCookie.generate(ctx.cookieFile()) : null;
        }
        catch (final UncheckedIOException ex)
        {
            server.stop(0);
            throw ex;
        }
        final ThreadPoolExecutor executor = executor(ctx.threads());
        final SubmitBlockHttpServer rpc = new SubmitBlockHttpServer(ctx, server, executor, cookie);
        server.createContext("/", rpc::handle);
        server.setExecutor(executor);
        server.start();
        return rpc;
    }

    /**
     * @return the bound port (useful with port 0).
     */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /**
     * @return the bound address.
     */
    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    /**
     * @return the cookie file written, or null when rpcuser/rpcpassword are used.
     */
    public Path cookieFile()
    {
        return cookie == null ? null : cookie.file();
    }

    /**
     * @return the concluded settings.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Stop listening, let running exchanges end (bounded), and remove the cookie file.
     */
    public void close()
    {
        server.stop(0);
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(ctx.closeTimeoutMs(), TimeUnit.MILLISECONDS))
            {
                executor.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (cookie != null)
        {
            cookie.delete();
        }
    }

    private void handle(final HttpExchange exchange)
    {
        try (exchange)
        {
            if (!"POST".equals(exchange.getRequestMethod()))
            {
                send(exchange, 405, "text/html; charset=ISO-8859-1", "JSONRPC server handles only POST requests".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization")))
            {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"jsonrpc\"");
                send(exchange, 401, "text/html; charset=ISO-8859-1", EMPTY);
                return;
            }
            final byte[] body = readBody(exchange);
            if (body == null)
            {
                exchange.getResponseHeaders().set("Connection", "close");
                send(exchange, 413, "text/html; charset=ISO-8859-1", EMPTY);
                return;
            }
            final JsonRpcDispatcher.Reply reply = dispatcher.dispatch(new String(body, StandardCharsets.UTF_8));
            send(exchange, reply.httpStatus(), "application/json", reply.body());
        }
        catch (final IOException ex)
        {
            // The client went away mid-exchange; nothing to answer.
        }
        catch (final RuntimeException ex)
        {
            ctx.errorHandler().onError(ex);
        }
    }

    private byte[] readBody(final HttpExchange exchange) throws IOException
    {
        final int max = ctx.maxBodyBytes();
        final String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null)
        {
            try
            {
                if (Long.parseLong(declared.trim()) > max)
                {
                    return null;
                }
            }
            catch (final NumberFormatException ex)
            {
                return null;
            }
        }
        try (InputStream in = exchange.getRequestBody())
        {
            final byte[] body = in.readNBytes(max);
            if (body.length == max && in.read() >= 0)
            {
                return null;
            }
            return body;
        }
    }

    private boolean authorized(final String header)
    {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6))
        {
            return false;
        }
        final byte[] presented;
        try
        {
            presented = Base64.getDecoder().decode(header.substring(6).trim());
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        return MessageDigest.isEqual(presented, expectedCredentials);
    }

    private static void send(final HttpExchange exchange, final int status, final String contentType, final byte[] body)
        throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0)
        {
            exchange.getResponseBody().write(body);
        }
    }

    private static ThreadPoolExecutor executor(final int threads)
    {
        final AtomicInteger count = new AtomicInteger();
        // Bounded queue; when it is full the dispatcher thread runs the exchange itself, which
        // stops it accepting more until one finishes: back-pressure, not an unbounded backlog.
        return new ThreadPoolExecutor(
            threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64),
            runnable ->
            {
                final Thread thread = new Thread(runnable, "dashcast-rpc-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * Settings for the endpoint, with fluent setters and a one-shot {@link #conclude()}.
     */
    public static final class Context
    {
        /** Default port: dashd uses 9998 for RPC on mainnet, so dashcast sits next to it. */
        public static final int DEFAULT_PORT = 9997;
        /** Default bound on a request body: a 2 MB block is 4 MB of hex. */
        public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
        /** Default bound on requests in one batch. */
        public static final int DEFAULT_MAX_BATCH_REQUESTS = 100;
        /** Default HTTP worker threads. */
        public static final int DEFAULT_THREADS = 2;

        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private boolean allowNonLoopback;
        private String rpcUser;
        private String rpcPassword;
        private Path cookieFile;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxBatchRequests = DEFAULT_MAX_BATCH_REQUESTS;
        private int threads = DEFAULT_THREADS;
        private int backlog = 16;
        private long closeTimeoutMs = 2_000;
        private boolean checkMerkleRoot = true;
        private BlockSink blockSink;
        private DashdRpcClient dashdProxy;
        private ErrorHandler errorHandler = ex -> { };
        private boolean concluded;

        /**
         * Validate once.
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
            if (bindAddress == null)
            {
                throw new IllegalArgumentException("rpc bind address is not set");
            }
            if (!bindAddress.isLoopbackAddress() && !allowNonLoopback)
            {
                throw new IllegalArgumentException("refusing to listen for JSON-RPC on non-loopback address " +
                    bindAddress.getHostAddress() + " (allow it explicitly to do so)");
            }
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("rpc port " + port + " is not in 0..65535");
            }
            if (rpcPassword != null && (rpcUser == null || rpcUser.isEmpty() || rpcUser.indexOf(':') >= 0))
            {
                throw new IllegalArgumentException("rpcpassword is set but rpcuser is empty or contains ':'");
            }
            if (rpcPassword != null && rpcPassword.isEmpty())
            {
                throw new IllegalArgumentException("rpcpassword is empty");
            }
            if (rpcPassword == null && rpcUser != null)
            {
                throw new IllegalArgumentException("rpcuser is set without rpcpassword");
            }
            if (rpcPassword == null && cookieFile == null)
            {
                cookieFile = Paths.get(System.getProperty("user.home"), ".dashcast", ".cookie");
            }
            if (maxBodyBytes < 1024 || threads < 1 || maxBatchRequests < 1 || backlog < 1)
            {
                throw new IllegalArgumentException("rpc max body (>= 1024), threads, batch and backlog bounds must be positive");
            }
            if (blockSink == null)
            {
                throw new IllegalArgumentException("rpc block sink is not set");
            }
            concluded = true;
            return this;
        }

        /**
         * @param bindAddress address to listen on (default 127.0.0.1).
         * @return this.
         */
        public Context bindAddress(final InetAddress bindAddress)
        {
            this.bindAddress = bindAddress;
            return this;
        }

        /**
         * @return address to listen on.
         */
        public InetAddress bindAddress()
        {
            return bindAddress;
        }

        /**
         * @param port port to listen on; 0 picks a free one.
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @return port to listen on.
         */
        public int port()
        {
            return port;
        }

        /**
         * @param allowNonLoopback true to permit a bind address other than loopback.
         * @return this.
         */
        public Context allowNonLoopback(final boolean allowNonLoopback)
        {
            this.allowNonLoopback = allowNonLoopback;
            return this;
        }

        /**
         * @return whether a non-loopback bind address is permitted.
         */
        public boolean allowNonLoopback()
        {
            return allowNonLoopback;
        }

        /**
         * @param rpcUser user name for Basic authentication (with {@link #rpcPassword(String)}).
         * @return this.
         */
        public Context rpcUser(final String rpcUser)
        {
            this.rpcUser = rpcUser;
            return this;
        }

        /**
         * @return rpcuser, or null in cookie mode.
         */
        public String rpcUser()
        {
            return rpcUser;
        }

        /**
         * @param rpcPassword password; when null a cookie is generated instead.
         * @return this.
         */
        public Context rpcPassword(final String rpcPassword)
        {
            this.rpcPassword = rpcPassword;
            return this;
        }

        /**
         * @return rpcpassword, or null in cookie mode.
         */
        public String rpcPassword()
        {
            return rpcPassword;
        }

        /**
         * @param cookieFile where to write the cookie in cookie mode (default ~/.dashcast/.cookie).
         * @return this.
         */
        public Context cookieFile(final Path cookieFile)
        {
            this.cookieFile = cookieFile;
            return this;
        }

        /**
         * @return the cookie file in cookie mode.
         */
        public Path cookieFile()
        {
            return cookieFile;
        }

        /**
         * @param maxBodyBytes bound on a request body; larger gets HTTP 413.
         * @return this.
         */
        public Context maxBodyBytes(final int maxBodyBytes)
        {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * @return bound on a request body.
         */
        public int maxBodyBytes()
        {
            return maxBodyBytes;
        }

        /**
         * @param maxBatchRequests bound on requests in one batch.
         * @return this.
         */
        public Context maxBatchRequests(final int maxBatchRequests)
        {
            this.maxBatchRequests = maxBatchRequests;
            return this;
        }

        /**
         * @return bound on requests in one batch.
         */
        public int maxBatchRequests()
        {
            return maxBatchRequests;
        }

        /**
         * @param threads HTTP worker threads (a blocking sink holds one per submission).
         * @return this.
         */
        public Context threads(final int threads)
        {
            this.threads = threads;
            return this;
        }

        /**
         * @return HTTP worker threads.
         */
        public int threads()
        {
            return threads;
        }

        /**
         * @param backlog TCP listen backlog.
         * @return this.
         */
        public Context backlog(final int backlog)
        {
            this.backlog = backlog;
            return this;
        }

        /**
         * @return TCP listen backlog.
         */
        public int backlog()
        {
            return backlog;
        }

        /**
         * @param closeTimeoutMs bound on waiting for running exchanges at close.
         * @return this.
         */
        public Context closeTimeoutMs(final long closeTimeoutMs)
        {
            this.closeTimeoutMs = closeTimeoutMs;
            return this;
        }

        /**
         * @return bound on waiting for running exchanges at close.
         */
        public long closeTimeoutMs()
        {
            return closeTimeoutMs;
        }

        /**
         * @param checkMerkleRoot answer {@code "bad-txnmrklroot"} (as dashd would) instead of
         *                        broadcasting a block whose transactions do not match its header.
         * @return this.
         */
        public Context checkMerkleRoot(final boolean checkMerkleRoot)
        {
            this.checkMerkleRoot = checkMerkleRoot;
            return this;
        }

        /**
         * @return whether the merkle root is checked before the sink.
         */
        public boolean checkMerkleRoot()
        {
            return checkMerkleRoot;
        }

        /**
         * @param blockSink receives each valid block (required).
         * @return this.
         */
        public Context blockSink(final BlockSink blockSink)
        {
            this.blockSink = blockSink;
            return this;
        }

        /**
         * @return the block sink.
         */
        public BlockSink blockSink()
        {
            return blockSink;
        }

        /**
         * @param dashdProxy client used to answer getblockcount and getbestblockhash; null
         *                   answers them with -32601 Method not found.
         * @return this.
         */
        public Context dashdProxy(final DashdRpcClient dashdProxy)
        {
            this.dashdProxy = dashdProxy;
            return this;
        }

        /**
         * @return the proxy client, or null.
         */
        public DashdRpcClient dashdProxy()
        {
            return dashdProxy;
        }

        /**
         * @param errorHandler told about unexpected errors (a throwing sink...).
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * @return the error handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }
    }
}
