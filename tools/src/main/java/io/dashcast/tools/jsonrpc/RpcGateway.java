package io.dashcast.tools.jsonrpc;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.dashd.DashdRpcClient;
import org.agrona.ErrorHandler;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dashd gateway a pool points its daemon URL at: every JSON-RPC call goes to the local dashd
 * unchanged and comes back unchanged, except {@code submitblock}, which sends the block down
 * every path at once and answers with dashd's verdict ({@link GatewayCalls}, {@link SubmitBlockAnswer}).
 * <p>
 * Served by its own one-thread HTTP/1.1 server ({@link GatewayLoop}, {@link GatewayConnection},
 * {@link RequestHead}), because what it serves is narrow and the block's path through it decides
 * orphans: a body is read straight from the socket into one array of its declared length, the
 * block's hex decoded as it lands, and the call made on the same thread, so {@code submitblock}
 * reaches the broadcaster with no hand-off between threads. (Jetty, which served it before, passed
 * each request through a selector, a pool thread and tens of stages; with the scan and decode of
 * {@link RequestScan} and {@link HexPrefetch}, a 1 MiB request now reaches the broadcaster in 2.0 ms
 * instead of 3.2: docs/bench-deployment-2026-12-07-gateway.md.) It takes
 * what pools send: lines ending in a bare {@code \n} (yiimp, ckpool), {@code Expect: 100-continue}
 * (curl), pipelined and kept-alive requests. Connections are read without threads; a connection
 * that has not sent a whole request within {@link Context#requestReadTimeoutMs()} from its first
 * byte is closed (a body cut off there is answered 408), connections are capped
 * ({@link Context#maxConnections()}), a head is bounded ({@link RequestHead#MAX_BYTES}) and so is a
 * body ({@link Context#maxBodyBytes()}), and a call waits for dashd without holding a thread.
 * Bound to 127.0.0.1 by default (a non-loopback address is refused unless explicitly allowed);
 * HTTP Basic authentication by rpcuser/rpcpassword or, when no password is configured, by a
 * cookie written like dashd's ({@link RpcCookie}).
 * <p>
 * {@link #close()} is graceful: no new connections or calls, every call already read is answered
 * (and its block reported), within {@link Context#closeTimeoutMs()}.
 */
public final class RpcGateway implements AutoCloseable
{
    private final Context ctx;
    private final GatewayLoop loop;
    private final RpcCookie cookie;
    private final GatewayHandler handler;
    private final ScheduledExecutorService scheduler;
    private final String credentials;
    private final String dryRunToken = GatewayWarmer.newToken();
    private volatile GatewayWarmer keepWarm;

    private RpcGateway(final Context ctx, final RpcCookie cookie) throws IOException
    {
        this.ctx = ctx;
        this.cookie = cookie;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "dashcast-rpc-timer");
            t.setDaemon(true);
            return t;
        });
        credentials = cookie != null ? cookie.userColonPassword() : ctx.rpcUser() + ":" + ctx.rpcPassword();
        handler = new GatewayHandler(ctx, credentials, new GatewayCalls(ctx.dashd(), ctx.blockSink(), ctx.errorHandler()),
            scheduler, dryRunToken);
        try
        {
            loop = new GatewayLoop(ctx, handler);
        }
        catch (final IOException | RuntimeException ex)
        {
            scheduler.shutdownNow();
            throw ex;
        }
    }

    /**
     * Validate the context, write the cookie when cookie authentication is used, and listen.
     *
     * @param ctx settings.
     * @return the running gateway.
     * @throws IllegalArgumentException with a one-line message for bad settings.
     * @throws UncheckedIOException     with a one-line message when the address cannot be bound
     *                                  or the cookie cannot be written.
     */
    public static RpcGateway start(final Context ctx)
    {
        ctx.conclude();
        final RpcCookie cookie = ctx.rpcPassword() == null ? RpcCookie.generate(ctx.cookieFile()) : null;
        final RpcGateway gateway;
        try
        {
            gateway = new RpcGateway(ctx, cookie);
        }
        catch (final IOException ex)
        {
            if (cookie != null)
            {
                cookie.delete();
            }
            throw new UncheckedIOException("cannot listen for JSON-RPC on " + ctx.bindAddress().getHostAddress() + ":" +
                ctx.port() + ": " + ex.getMessage(), ex);
        }
        gateway.loop.start();
        try
        {
            gateway.warmUp();
        }
        catch (final RuntimeException ex)
        {
            // Serving cold beats not serving: report it and go on.
            ctx.errorHandler().onError(ex);
        }
        return gateway;
    }

    /**
     * Warm the {@code submitblock} path with dry-run calls to ourselves ({@link GatewayWarmer}), as
     * configured, and keep it warm while no pool calls. A failure is reported, never fatal: the
     * gateway serves cold rather than not at all.
     */
    private void warmUp()
    {
        if (ctx.warmUpRequests() == 0 && ctx.keepWarmIdleMs() == 0)
        {
            return;
        }
        final GatewayWarmer warmer = new GatewayWarmer(address(), credentials, dryRunToken,
            Broadcaster::warmUpBlock, ctx.maxBodyBytes());
        if (ctx.warmUpRequests() > 0)
        {
            final long start = System.nanoTime();
            try
            {
                final int done = warmer.warm(ctx.warmUpRequests(), start + TimeUnit.MILLISECONDS.toNanos(ctx.warmUpMaxMs()));
                ctx.log().accept("dashcast: rpc: submitblock path warmed: " + done + " dry runs to ourselves in " +
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms, hex decode " +
                    (HexPairs.VECTORISED ? "vectorised" : "by table (start the JVM with --add-modules jdk.incubator.vector for the vector one)"));
            }
            catch (final IOException | RuntimeException ex)
            {
                ctx.errorHandler().onError(new IOException("submitblock warm-up: " + ex.getMessage(), ex));
            }
            finally
            {
                warmer.close();
            }
        }
        if (ctx.keepWarmIdleMs() > 0)
        {
            keepWarm = warmer;
            scheduler.scheduleWithFixedDelay(this::keepWarm, ctx.keepWarmIdleMs(), ctx.keepWarmIdleMs(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * On the timer: one small dry-run call, on a new connection, when no call came for the idle time.
     */
    private void keepWarm()
    {
        final GatewayWarmer warmer = keepWarm;
        if (warmer == null || System.nanoTime() - handler.lastRequestNs() < TimeUnit.MILLISECONDS.toNanos(ctx.keepWarmIdleMs()))
        {
            return;
        }
        try
        {
            warmer.warmSmall();
        }
        catch (final IOException | RuntimeException ex)
        {
            // stopping, or the gateway is saturated: the next tick tries again
        }
        finally
        {
            warmer.close();
        }
    }

    /**
     * @return how many request bodies the gateway read into its one kept array (tests).
     */
    long keptBodyLends()
    {
        return loop.keptBodyLends();
    }

    /**
     * @return the bound port (useful with port 0).
     */
    public int port()
    {
        return loop.port();
    }

    /**
     * @return the bound address.
     */
    public InetSocketAddress address()
    {
        return new InetSocketAddress(ctx.bindAddress(), port());
    }

    /**
     * @return the cookie file written, or null when rpcuser/rpcpassword are used.
     */
    public Path cookieFile()
    {
        return cookie == null ? null : cookie.file();
    }

    /**
     * @return logins refused since start.
     */
    public long failedLogins()
    {
        return handler.failedLogins();
    }

    /**
     * One raw HTTP exchange without a socket, for tests and fuzzing: the request's bytes go through
     * the same connection code, head parser and handler as a network connection, followed by end
     * of input as if the client had shut down its output.
     *
     * @param request   the whole request: request line, headers and body, as a client sends them.
     * @param timeoutMs how long to wait for the server to answer and close.
     * @return the bytes the server wrote, empty when it closed without answering.
     * @throws IllegalStateException when the server neither answered and closed within the time.
     */
    public byte[] exchangeInMemory(final byte[] request, final long timeoutMs)
    {
        return loop.exchangeInMemory(request, timeoutMs);
    }

    /**
     * @return the concluded settings.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Stop taking connections and calls, answer every call already read (bounded by
     * {@link Context#closeTimeoutMs()}), stop, and remove the cookie file. Idempotent.
     */
    @Override
    public void close()
    {
        keepWarm = null;
        loop.close();
        scheduler.shutdownNow();
        if (cookie != null)
        {
            cookie.delete();
        }
    }

    /**
     * Settings for the gateway, with fluent setters and a one-shot {@link #conclude()}.
     */
    public static final class Context
    {
        /** Default port: dashd uses 9998 for RPC on mainnet, so dashcast sits next to it. */
        public static final int DEFAULT_PORT = 9997;
        /** Default bound on a request body: a 2 MB block is 4 MB of hex. */
        public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
        /** Warm-up calls the daemon makes at start (see {@link #warmUpRequests(int)}). */
        public static final int DEFAULT_WARM_UP_REQUESTS = 256;
        /** Bound on the warm-up at start. */
        public static final long DEFAULT_WARM_UP_MAX_MS = 10_000;
        /** The daemon's keep-warm period (see {@link #keepWarmIdleMs(long)}). */
        public static final long DEFAULT_KEEP_WARM_IDLE_MS = 1_000;

        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private boolean allowNonLoopback;
        private String rpcUser;
        private String rpcPassword;
        private Path cookieFile;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private long requestReadTimeoutMs = 5_000;
        private long idleTimeoutMs = 30_000;
        private int maxConnections = 256;
        private long failedLoginDelayMs = 250;
        private long closeTimeoutMs = 10_000;
        private BlockSink blockSink;
        private DashdRpcClient dashd;
        private ErrorHandler errorHandler = ex -> { };
        private int warmUpRequests;
        private long warmUpMaxMs = DEFAULT_WARM_UP_MAX_MS;
        private long keepWarmIdleMs;
        private Consumer<String> log = line -> { };
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
            require(bindAddress != null, "rpc bind address is not set");
            require(bindAddress.isLoopbackAddress() || allowNonLoopback, "refusing to listen for JSON-RPC on non-loopback address " +
                (bindAddress == null ? "" : bindAddress.getHostAddress()) + " (allow it explicitly to do so)");
            require(port >= 0 && port <= 65535, "rpc port " + port + " is not in 0..65535");
            require(rpcPassword == null || (rpcUser != null && !rpcUser.isEmpty() && rpcUser.indexOf(':') < 0),
                "rpcpassword is set but rpcuser is empty or contains ':'");
            require(rpcPassword == null || !rpcPassword.isEmpty(), "rpcpassword is empty");
            require(rpcPassword != null || rpcUser == null, "rpcuser is set without rpcpassword");
            if (rpcPassword == null && cookieFile == null)
            {
                cookieFile = Paths.get(System.getProperty("user.home"), ".dashcast", ".cookie");
            }
            require(maxBodyBytes >= 1024, "rpc max body must be >= 1024 bytes");
            require(requestReadTimeoutMs > 0 && idleTimeoutMs > 0 && closeTimeoutMs > 0 && failedLoginDelayMs >= 0,
                "rpc timeouts must be positive");
            require(maxConnections >= 1, "rpc max connections must be >= 1");
            require(blockSink != null, "rpc block sink is not set");
            require(warmUpRequests >= 0 && warmUpMaxMs > 0 && keepWarmIdleMs >= 0, "rpc warm-up settings must not be negative");
            require(dashd != null, "the local dashd (where calls pass through) is not set");
            concluded = true;
            return this;
        }

        private static void require(final boolean condition, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException(message);
            }
        }

        /**
         * @param ms bound on receiving a whole request (headers and body) on a new connection, and
         *           on receiving any request's body; before authentication (default 5 s).
         * @return this.
         */
        public Context requestReadTimeoutMs(final long ms)
        {
            this.requestReadTimeoutMs = ms;
            return this;
        }

        /**
         * @return bound on receiving a whole request.
         */
        public long requestReadTimeoutMs()
        {
            return requestReadTimeoutMs;
        }

        /**
         * @param ms how long a keep-alive connection may sit idle between calls (default 30 s, as dashd).
         * @return this.
         */
        public Context idleTimeoutMs(final long ms)
        {
            this.idleTimeoutMs = ms;
            return this;
        }

        /**
         * @return idle bound between calls.
         */
        public long idleTimeoutMs()
        {
            return idleTimeoutMs;
        }

        /**
         * @param max open connections at most; more wait in the kernel's backlog (default 256).
         * @return this.
         */
        public Context maxConnections(final int max)
        {
            this.maxConnections = max;
            return this;
        }

        /**
         * @return open connections at most.
         */
        public int maxConnections()
        {
            return maxConnections;
        }

        /**
         * @param ms delay before a failed login is answered (default 250 ms, as dashd).
         * @return this.
         */
        public Context failedLoginDelayMs(final long ms)
        {
            this.failedLoginDelayMs = ms;
            return this;
        }

        /**
         * @return delay before a failed login is answered.
         */
        public long failedLoginDelayMs()
        {
            return failedLoginDelayMs;
        }

        /**
         * @param blockSink receives each block a pool submits (required).
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
         * @param dashd the local dashd every other call passes through to, with its own credentials (required).
         * @return this.
         */
        public Context dashd(final DashdRpcClient dashd)
        {
            this.dashd = dashd;
            return this;
        }

        /**
         * @return the local dashd.
         */
        public DashdRpcClient dashd()
        {
            return dashd;
        }

        /**
         * @param log where operational lines go (failed logins).
         * @return this.
         */
        public Context log(final Consumer<String> log)
        {
            this.log = log;
            return this;
        }

        /**
         * @return where operational lines go.
         */
        public Consumer<String> log()
        {
            return log;
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


        /**
         * @param requests dry-run {@code submitblock} calls the gateway sends itself at start, before
         *                 {@link RpcGateway#start} returns ({@link BlockSink#dryRun}: nothing reaches
         *                 a peer or dashd), so a pool's first block does not meet a cold HTTP server,
         *                 JSON scan and hex decode; 0 for none (default; the daemon uses
         *                 {@link #DEFAULT_WARM_UP_REQUESTS}).
         * @return this.
         */
        public Context warmUpRequests(final int requests)
        {
            this.warmUpRequests = requests;
            return this;
        }

        /**
         * @return dry-run calls at start.
         */
        public int warmUpRequests()
        {
            return warmUpRequests;
        }

        /**
         * @param ms bound on the warm-up at start (default {@link #DEFAULT_WARM_UP_MAX_MS}).
         * @return this.
         */
        public Context warmUpMaxMs(final long ms)
        {
            this.warmUpMaxMs = ms;
            return this;
        }

        /**
         * @return bound on the warm-up at start.
         */
        public long warmUpMaxMs()
        {
            return warmUpMaxMs;
        }

        /**
         * @param ms send one dry-run call to ourselves whenever no call came for this long (on the
         *           gateway's timer, a new connection each); 0 for off (default; the daemon uses
         *           {@link #DEFAULT_KEEP_WARM_IDLE_MS}).
         * @return this.
         */
        public Context keepWarmIdleMs(final long ms)
        {
            this.keepWarmIdleMs = ms;
            return this;
        }

        /**
         * @return the keep-warm idle time, 0 when off.
         */
        public long keepWarmIdleMs()
        {
            return keepWarmIdleMs;
        }
    }
}
