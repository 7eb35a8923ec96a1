package io.dashcast.sim.dashd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Hashes;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for dashd's JSON-RPC, on 127.0.0.1, for tests and the demo. It answers as the
 * recorded Dash Core v22.1.1 does ({@code vectors/rpc/README.md}), header lines included (minus
 * {@code Date}): {@code submitblock} accepts a block whose parent it knows, answers
 * {@code "duplicate"} for one it has, {@code "bad-txnmrklroot"} when the transactions do not hash
 * to the header's merkle root, {@code "prev-blk-not-found"} for an unknown parent, -22 for bytes
 * that are not a block; {@code getblockcount} and {@code getbestblockhash} follow its chain;
 * with {@link #answerBlockHeaders(boolean)}, {@code getblockheader} gives a known block's
 * {@code confirmations} (-1 off its chain: a block whose parent is not the tip is stored on a
 * branch) or -5 {@code Block not found};
 * unknown methods get -32601 with HTTP 404; batches work; a wrong password gets an empty 401.
 * <p>
 * It records every submitted block with its arrival time, and can be told to refuse
 * (accept connections and close them at once), to delay its answers, or to be down (not listening
 * on its port). With no tip set, the parent of the first block submitted is taken as known.
 */
public final class FakeDashd implements AutoCloseable
{
    /** How the fake treats connections. */
    public enum Mode
    {
        /** Answer requests. */
        NORMAL,
        /** Accept each connection and close it without reading or answering. */
        REFUSE,
        /** Not listening: connections are refused by the kernel. */
        DOWN
    }

    /**
     * One submitted block.
     *
     * @param block          its bytes.
     * @param arrivalNs      {@link System#nanoTime()} when it arrived.
     * @param arrivalEpochMs wall-clock time when it arrived.
     * @param outcome        what the fake answered: null (accepted) or the BIP22 reason.
     */
    public record Submission(byte[] block, long arrivalNs, long arrivalEpochMs, String outcome)
    {
    }

    private static final int MAX_CONNECTIONS = 32;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** dashd's bound on a request body (MAX_SIZE, 32 MiB). */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final Object lock = new Object();
    private final List<Submission> submissions = new ArrayList<>();
    private final Set<String> knownBlocks = new HashSet<>();
    private final java.util.Map<String, Long> chainHeights = new java.util.HashMap<>();
    private volatile boolean answerBlockHeaders;
    private volatile String templateJson;
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final X11 x11 = new X11();
    private final BlockView view = new BlockView();
    private final Sha256d sha256d = new Sha256d();
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final int port;
    private volatile byte[] credentials;
    private volatile Mode mode = Mode.NORMAL;
    private volatile long delayMs;
    private final AtomicLong requests = new AtomicLong();
    private String tipHex;
    private long height;
    private ServerSocket listener;
    private Thread acceptor;
    private volatile boolean closed;

    private FakeDashd(final String user, final String password, final int port) throws IOException
    {
        this.credentials = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        this.listener = listen(port);
        this.port = listener.getLocalPort();
        startAcceptor();
    }

    /**
     * Start on 127.0.0.1 on a free port.
     *
     * @param user     rpcuser it accepts.
     * @param password rpcpassword it accepts.
     * @return the running fake.
     * @throws IOException when it cannot listen.
     */
    public static FakeDashd start(final String user, final String password) throws IOException
    {
        return new FakeDashd(user, password, 0);
    }

    /**
     * Start on 127.0.0.1 on a given port (0 for a free one).
     *
     * @param user     rpcuser it accepts.
     * @param password rpcpassword it accepts.
     * @param port     port to listen on.
     * @return the running fake.
     * @throws IOException when it cannot listen.
     */
    public static FakeDashd start(final String user, final String password, final int port) throws IOException
    {
        return new FakeDashd(user, password, port);
    }

    /**
     * @return the port it listens on (kept while down).
     */
    public int port()
    {
        return port;
    }

    /**
     * Write a cookie file as dashd does ({@code __cookie__:<64 hex>}) and accept only it from now on.
     *
     * @param file where to write it.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    public Path writeCookie(final Path file) throws IOException
    {
        final byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        final String cookie = "__cookie__:" + java.util.HexFormat.of().formatHex(secret);
        if (file.getParent() != null)
        {
            java.nio.file.Files.createDirectories(file.getParent());
        }
        java.nio.file.Files.writeString(file, cookie, StandardCharsets.US_ASCII);
        credentials = cookie.getBytes(StandardCharsets.UTF_8);
        return file;
    }
    /**
     * Set the chain tip: only blocks whose parent is this (or a block accepted since) are accepted.
     *
     * @param tipHashDisplayHex the tip's hash, display order.
     * @param tipHeight         its height.
     * @return this.
     */
    public FakeDashd tip(final String tipHashDisplayHex, final long tipHeight)
    {
        synchronized (lock)
        {
            tipHex = tipHashDisplayHex;
            height = tipHeight;
            knownBlocks.add(tipHashDisplayHex);
            chainHeights.put(tipHashDisplayHex, tipHeight);
        }
        return this;
    }

    /**
     * Answer {@code getblocktemplate} with this result (off by default).
     *
     * @param resultJson the template object, as JSON.
     * @return this.
     */
    public FakeDashd template(final String resultJson)
    {
        templateJson = resultJson;
        return this;
    }

    /**
     * Answer {@code getblockheader} (off by default: the chain follower of a daemon under test would
     * then settle its blocks as landed or orphaned, which the tests written before did not expect).
     *
     * @param on true to answer it with the block's confirmations.
     * @return this.
     */
    public FakeDashd answerBlockHeaders(final boolean on)
    {
        answerBlockHeaders = on;
        return this;
    }

    /**
     * @param mode NORMAL, REFUSE or DOWN; DOWN closes the listening socket, leaving it re-opens it.
     * @throws IOException when the port cannot be bound again.
     */
    public void mode(final Mode mode) throws IOException
    {
        synchronized (lock)
        {
            if (mode == Mode.DOWN && this.mode != Mode.DOWN)
            {
                this.mode = mode;
                closeListener();
                closeConnections();
            }
            else if (mode != Mode.DOWN && this.mode == Mode.DOWN)
            {
                listener = listen(port);
                this.mode = mode;
                startAcceptor();
            }
            else
            {
                this.mode = mode;
            }
        }
    }

    /**
     * @param delayMs how long to wait before each answer (after reading the request).
     */
    public void delayMs(final long delayMs)
    {
        this.delayMs = delayMs;
    }

    /**
     * @return HTTP requests received so far, answered or not.
     */
    public long requests()
    {
        return requests.get();
    }

    /**
     * @return every block submitted so far, in arrival order.
     */
    public List<Submission> submissions()
    {
        synchronized (lock)
        {
            return List.copyOf(submissions);
        }
    }

    /**
     * Wait, bounded, for a number of submissions.
     *
     * @param count     submissions to wait for.
     * @param timeoutMs bound.
     * @return true when at least {@code count} arrived in time.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitSubmissions(final int count, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (lock)
        {
            while (submissions.size() < count)
            {
                final long remaining = deadline - System.currentTimeMillis();
                if (remaining <= 0)
                {
                    return false;
                }
                lock.wait(remaining);
            }
            return true;
        }
    }

    /**
     * @return height of its best chain.
     */
    public long height()
    {
        synchronized (lock)
        {
            return height;
        }
    }

    /**
     * Stop listening and close every connection.
     */
    public void close()
    {
        synchronized (lock)
        {
            closed = true;
            closeListener();
            closeConnections();
        }
    }

    private String onBlock(final byte[] block)
    {
        final long arrivalNs = System.nanoTime();
        final long arrivalMs = System.currentTimeMillis();
        synchronized (lock)
        {
            final String outcome = judge(block);
            submissions.add(new Submission(block, arrivalNs, arrivalMs, outcome));
            lock.notifyAll();
            return outcome;
        }
    }

    private String judge(final byte[] block)
    {
        view.wrap(new UnsafeBuffer(block), 0, block.length);
        final byte[] hash = new byte[Sha256d.HASH_LENGTH];
        view.hash(x11, hash, 0);
        final String hashHex = Hashes.toDisplayHex(hash, 0);
        if (knownBlocks.contains(hashHex))
        {
            return "duplicate";
        }
        if (!view.merkleRootMatches(sha256d, new byte[Sha256d.HASH_LENGTH]))
        {
            return "bad-txnmrklroot";
        }
        final byte[] prev = new byte[Sha256d.HASH_LENGTH];
        view.prevHash(prev, 0);
        final String prevHex = Hashes.toDisplayHex(prev, 0);
        if (tipHex == null)
        {
            knownBlocks.add(prevHex);
            tipHex = prevHex;
            chainHeights.put(prevHex, height);
        }
        if (!knownBlocks.contains(prevHex))
        {
            return "prev-blk-not-found";
        }
        knownBlocks.add(hashHex);
        if (prevHex.equals(tipHex))
        {
            tipHex = hashHex;
            height++;
            chainHeights.put(hashHex, height);
        }
        return null;
    }

    private String onQuery(final String method)
    {
        synchronized (lock)
        {
            return "getblockcount".equals(method) ? Long.toString(height) : (tipHex == null ? "null" : quote(tipHex));
        }
    }

    /** One reply and the HTTP status it gets when sent alone. */
    private record Reply(int status, String json)
    {
    }

    private Reply dispatch(final byte[] body)
    {
        final JsonNode request;
        try
        {
            request = JSON.readTree(body);
        }
        catch (final IOException ex)
        {
            return error(-32700, "Parse error", "null");
        }
        if (request != null && request.isObject())
        {
            return execute(request);
        }
        if (request != null && request.isArray())
        {
            final StringBuilder out = new StringBuilder().append('[');
            for (int i = 0; i < request.size(); i++)
            {
                out.append(i == 0 ? "" : ",").append(execute(request.get(i)).json());
            }
            return new Reply(200, out.append(']').toString());
        }
        return error(-32700, "Top-level object parse error", "null");
    }

    private Reply execute(final JsonNode request)
    {
        if (!request.isObject())
        {
            return error(-32600, "Invalid Request object", "null");
        }
        final String id = request.has("id") ? request.get("id").toString() : "null";
        final JsonNode method = request.get("method");
        if (method == null || method.isNull())
        {
            return error(-32600, "Missing method", id);
        }
        if (!method.isTextual())
        {
            return error(-32600, "Method must be a string", id);
        }
        final JsonNode params = request.get("params");
        return switch (method.textValue())
        {
            case "submitblock" -> submitblock(params, id);
            case "getblockcount", "getbestblockhash" -> result(onQuery(method.textValue()), id);
            case "getblockheader" -> answerBlockHeaders ? blockHeader(params, id) : error(-32601, "Method not found", id);
            case "getblocktemplate" -> templateJson != null ? result(templateJson, id) : error(-32601, "Method not found", id);
            default -> error(-32601, "Method not found", id);
        };
    }

    private Reply blockHeader(final JsonNode params, final String id)
    {
        final JsonNode hash = params == null || !params.isArray() ? null : params.get(0);
        if (hash == null || !hash.isTextual())
        {
            return error(-1, "getblockheader \"blockhash\" ( verbose )", id);
        }
        synchronized (lock)
        {
            if (!knownBlocks.contains(hash.textValue()))
            {
                return error(-5, "Block not found", id);
            }
            final Long at = chainHeights.get(hash.textValue());
            return result("{\"hash\":" + quote(hash.textValue()) + ",\"confirmations\":" +
                (at == null ? -1 : height - at + 1) + "}", id);
        }
    }

    private Reply submitblock(final JsonNode params, final String id)
    {
        final JsonNode hex = params == null ? null : params.isArray() ? params.get(0) : params.get("hexdata");
        if (hex == null || hex.isNull())
        {
            return error(-1, "submitblock \"hexdata\" ( \"dummy\" )", id);
        }
        if (!hex.isTextual())
        {
            return error(-3, "JSON value of type " + hex.getNodeType().name().toLowerCase(Locale.ROOT) +
                " is not of expected type string", id);
        }
        final byte[] block;
        try
        {
            block = java.util.HexFormat.of().parseHex(hex.textValue());
            view.wrap(new UnsafeBuffer(block), 0, block.length);
        }
        catch (final IllegalArgumentException | ProtocolException ex)
        {
            return error(-22, "Block decode failed", id);
        }
        if (!startsWithCoinbase(view))
        {
            return error(-25, "Block does not start with a coinbase", id);
        }
        final String outcome = onBlock(block);
        return result(outcome == null ? "null" : quote(outcome), id);
    }

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
        return view.buffer().getInt(outpoint + Sha256d.HASH_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN) == -1;
    }

    private static Reply result(final String resultJson, final String id)
    {
        return new Reply(200, "{\"result\":" + resultJson + ",\"error\":null,\"id\":" + id + "}");
    }

    private static Reply error(final int code, final String message, final String id)
    {
        final int status = code == -32601 ? 404 : code == -32600 ? 400 : 500;
        return new Reply(status, "{\"result\":null,\"error\":{\"code\":" + code + ",\"message\":" + quote(message) +
            "},\"id\":" + id + "}");
    }

    private static String quote(final String text)
    {
        try
        {
            return JSON.writeValueAsString(text);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static ServerSocket listen(final int port) throws IOException
    {
        final ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void startAcceptor()
    {
        final ServerSocket socket = listener;
        acceptor = new Thread(() -> acceptLoop(socket), "fake-dashd-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(final ServerSocket socket)
    {
        while (!socket.isClosed())
        {
            final Socket connection;
            try
            {
                connection = socket.accept();
            }
            catch (final IOException ex)
            {
                return;
            }
            if (mode == Mode.REFUSE || !connections.tryAcquire())
            {
                closeQuietly(connection);
                continue;
            }
            open.add(connection);
            final Thread thread = new Thread(() -> serve(connection), "fake-dashd-conn-" + port);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(final Socket connection)
    {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream())
        {
            connection.setTcpNoDelay(true);
            boolean keepAlive = true;
            while (keepAlive && !closed && mode == Mode.NORMAL)
            {
                final String head = readHead(in);
                if (head == null)
                {
                    return;
                }
                keepAlive = !head.toLowerCase(Locale.ROOT).contains("\nconnection: close");
                keepAlive &= exchange(head, in, out, keepAlive);
            }
        }
        catch (final IOException | InterruptedException ex)
        {
            // Connection dropped or the fake is closing.
        }
        finally
        {
            open.remove(connection);
            connections.release();
        }
    }

    private boolean exchange(final String head, final InputStream in, final OutputStream out, final boolean keepAlive)
        throws IOException, InterruptedException
    {
        requests.incrementAndGet();
        final long length = contentLength(head);
        if (length < 0 || length > MAX_BODY_BYTES)
        {
            write(out, length < 0 ? "411 Length Required" : "413 Request Entity Too Large", null, "text/html; charset=ISO-8859-1", new byte[0], false);
            return false;
        }
        final byte[] body = in.readNBytes((int)length);
        if (body.length != length)
        {
            return false;
        }
        final String requestLine = head.substring(0, Math.max(0, head.indexOf('\r')));
        if (!requestLine.startsWith("POST "))
        {
            write(out, "405 Method Not Allowed", null, "text/html; charset=ISO-8859-1",
                "JSONRPC server handles only POST requests".getBytes(StandardCharsets.US_ASCII), keepAlive);
            return keepAlive;
        }
        if (!authorized(head))
        {
            write(out, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"jsonrpc\"\r\n", "text/html; charset=ISO-8859-1", new byte[0], keepAlive);
            return keepAlive;
        }
        final Reply reply;
        synchronized (view)
        {
            reply = dispatch(body);
        }
        final long delay = delayMs;
        if (delay > 0)
        {
            Thread.sleep(delay);
        }
        write(out, statusLine(reply.status()), null, "application/json", (reply.json() + "\n").getBytes(StandardCharsets.UTF_8), keepAlive);
        return keepAlive;
    }

    private boolean authorized(final String head)
    {
        for (final String line : head.split("\r\n"))
        {
            if (line.regionMatches(true, 0, "Authorization: Basic ", 0, 21))
            {
                try
                {
                    final byte[] presented = Base64.getDecoder().decode(line.substring(21).trim());
                    return MessageDigest.isEqual(presented, credentials);
                }
                catch (final IllegalArgumentException ex)
                {
                    return false;
                }
            }
        }
        return false;
    }

    private static void write(
        final OutputStream out,
        final String status,
        final String extraHeader,
        final String contentType,
        final byte[] body,
        final boolean keepAlive) throws IOException
    {
        // Header order as libevent writes them for dashd (Date omitted, as in the recording).
        final StringBuilder head = new StringBuilder(160).append("HTTP/1.1 ").append(status).append("\r\n");
        if (extraHeader != null)
        {
            head.append(extraHeader).append("Content-Length: 0\r\nContent-Type: ").append(contentType).append("\r\n");
        }
        else
        {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        if (!keepAlive)
        {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String statusLine(final int status)
    {
        return switch (status)
        {
            case 200 -> "200 OK";
            case 400 -> "400 Bad Request";
            case 404 -> "404 Not Found";
            default -> "500 Internal Server Error";
        };
    }

    private static long contentLength(final String head)
    {
        for (final String line : head.split("\r\n"))
        {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15))
            {
                try
                {
                    return Long.parseLong(line.substring(15).trim());
                }
                catch (final NumberFormatException ex)
                {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static String readHead(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0 || head.size() >= MAX_HEADER_BYTES)
            {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ?
                matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private void closeListener()
    {
        if (listener != null)
        {
            closeQuietly(listener);
        }
        final Thread thread = acceptor;
        if (thread != null)
        {
            try
            {
                thread.join(1_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeConnections()
    {
        for (final Socket socket : open)
        {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            // Closing anyway.
        }
    }
}
