package io.dashcast.sim.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Dash Core v22.1.1 node in regtest, started for a test on 127.0.0.1 with its own ports and
 * datadir, and always stopped and removed by {@link #close()}.
 * <p>
 * Listens for P2P on {@link #p2pPort()} (we connect to it as an inbound peer, as to any node),
 * answers JSON-RPC on {@link #rpcPort()} with user/password {@link #RPC_USER}/{@link #RPC_PASSWORD}
 * (or, started with {@link #startWithCookie}, with the cookie dashd writes to {@link #cookieFile()}),
 * makes no outbound connections of its own, and logs with microsecond times. Find the binaries with
 * {@link DashdBinaries}.
 */
public final class RegtestNode implements AutoCloseable
{
    /** RPC user every fixture node is started with. */
    public static final String RPC_USER = "dashcast";
    /** RPC password every fixture node is started with. */
    public static final String RPC_PASSWORD = "regtest-only";
    /** A regtest address to mine to (the node has no wallet). */
    public static final String MINE_ADDRESS = "yjCit3VQsLnAKDEkssrYTsmact1kzFCw4J";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path datadir;
    private final int p2pPort;
    private final int rpcPort;
    private final List<String> command;
    private Process process;
    private final HttpClient http;
    private final boolean cookieAuth;
    private volatile String authorization;
    private long nextId;

    private RegtestNode(
        final Path datadir, final int p2pPort, final int rpcPort, final List<String> command, final Process process,
        final boolean cookieAuth)
    {
        this.datadir = datadir;
        this.command = command;
        this.p2pPort = p2pPort;
        this.rpcPort = rpcPort;
        this.process = process;
        this.cookieAuth = cookieAuth;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.authorization = cookieAuth ? null : basic(RPC_USER + ":" + RPC_PASSWORD);
    }

    /**
     * Start a node and wait until its RPC answers.
     *
     * @param extraArgs more dashd arguments, e.g. {@code -whitelist=...} or {@code -blockversion=...}.
     * @return the running node.
     * @throws IOException when dashd cannot be found or does not come up within 30 s.
     */
    public static RegtestNode start(final String... extraArgs) throws IOException
    {
        return start(false, extraArgs);
    }

    /**
     * Start a node without {@code -rpcuser}/{@code -rpcpassword}, as most operators run dashd: it
     * writes a fresh cookie to {@link #cookieFile()} at every start, and this fixture reads it too.
     *
     * @param extraArgs more dashd arguments.
     * @return the running node.
     * @throws IOException when dashd cannot be found or does not come up within 30 s.
     */
    public static RegtestNode startWithCookie(final String... extraArgs) throws IOException
    {
        return start(true, extraArgs);
    }

    private static RegtestNode start(final boolean cookieAuth, final String... extraArgs) throws IOException
    {
        final Path dashd = DashdBinaries.dashd();
        final Path datadir = Files.createTempDirectory("dashcast-regtest-");
        final int p2p = freePort();
        final int rpc = freePort();
        final int onion = freePort();
        final List<String> command = new ArrayList<>(List.of(dashd.toString(), "-regtest",
            "-datadir=" + datadir, "-listen=1", "-bind=127.0.0.1:" + p2p, "-port=" + p2p,
            "-bind=127.0.0.1:" + onion + "=onion", "-connect=0", "-dnsseed=0", "-fixedseeds=0",
            "-listenonion=0", "-discover=0", "-upnp=0", "-natpmp=0", "-rpcbind=127.0.0.1",
            "-rpcallowip=127.0.0.1", "-rpcport=" + rpc,
            "-debug=net", "-logtimemicros=1", "-printtoconsole=0", "-server=1", "-rpcthreads=8"));
        if (!cookieAuth)
        {
            command.addAll(List.of("-rpcuser=" + RPC_USER, "-rpcpassword=" + RPC_PASSWORD));
        }
        command.addAll(List.of(extraArgs));
        final RegtestNode node = new RegtestNode(datadir, p2p, rpc, command, launch(command, datadir), cookieAuth);
        node.awaitRpc();
        return node;
    }

    /** @return the P2P port on 127.0.0.1. */
    public int p2pPort()
    {
        return p2pPort;
    }

    /** @return the JSON-RPC port on 127.0.0.1. */
    public int rpcPort()
    {
        return rpcPort;
    }

    /** @return the node's datadir (its regtest/debug.log and regtest/.cookie live below). */
    public Path datadir()
    {
        return datadir;
    }

    /** @return where dashd writes its RPC cookie ({@code __cookie__:<hex>}) when started without rpcuser. */
    public Path cookieFile()
    {
        return datadir.resolve("regtest").resolve(".cookie");
    }

    /** @return the path of the node's debug.log. */
    public Path debugLog()
    {
        return datadir.resolve("regtest").resolve("debug.log");
    }

    /** @return the value of an {@code Authorization} header for this node's RPC. */
    public String authorization()
    {
        try
        {
            return currentAuthorization();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + cookieFile() + ": " + ex, ex);
        }
    }

    /**
     * Call an RPC method and return its {@code result}.
     *
     * @param method the method.
     * @param params its positional parameters (strings, numbers, booleans, {@link JsonNode}s).
     * @return the result (a JSON null node for {@code null}).
     * @throws RpcError when the node answers with an error.
     */
    public JsonNode rpc(final String method, final Object... params)
    {
        final JsonNode reply = rawCall(requestBody(method, params));
        final JsonNode error = reply.get("error");
        if (error != null && !error.isNull())
        {
            throw new RpcError(method, error.path("code").asInt(), error.path("message").asText());
        }
        return reply.get("result");
    }

    /**
     * Send a raw JSON-RPC body and return the parsed reply, whatever its HTTP status.
     *
     * @param body the JSON request body.
     * @return the parsed reply.
     */
    public JsonNode rawCall(final String body)
    {
        try
        {
            final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rpcPort + "/"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", currentAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("regtest node RPC on port " + rpcPort + ": " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** @return the height of the node's tip. */
    public long blockCount()
    {
        return rpc("getblockcount").asLong();
    }

    /** @return the hash of the node's tip. */
    public String bestBlockHash()
    {
        return rpc("getbestblockhash").asText();
    }

    /**
     * Mine blocks to {@link #MINE_ADDRESS}.
     *
     * @param count number of blocks.
     * @return their hashes.
     */
    public List<String> generate(final int count)
    {
        final List<String> hashes = new ArrayList<>();
        rpc("generatetoaddress", count, MINE_ADDRESS).forEach(h -> hashes.add(h.asText()));
        return hashes;
    }

    /**
     * Mine blocks to an address (e.g. {@link OpTrueCoins#ADDRESS}, whose coins a test can spend).
     *
     * @param count   number of blocks.
     * @param address where the coinbase goes.
     * @return their hashes.
     */
    public List<String> generateTo(final int count, final String address)
    {
        final List<String> hashes = new ArrayList<>();
        rpc("generatetoaddress", count, address).forEach(h -> hashes.add(h.asText()));
        return hashes;
    }

    /**
     * @param blockHex a block as hex.
     * @return {@code submitblock}'s answer: null when accepted, else dashd's reason ("duplicate", "inconclusive", ...).
     */
    public String submitBlock(final String blockHex)
    {
        final JsonNode result = rpc("submitblock", blockHex);
        return result == null || result.isNull() ? null : result.asText();
    }

    /**
     * Give another node this node's blocks from {@code fromHeight} to its tip over RPC (nodes stay unconnected).
     *
     * @param other      the node to copy to.
     * @param fromHeight first height to copy.
     */
    public void copyBlocksTo(final RegtestNode other, final long fromHeight)
    {
        final long tip = blockCount();
        for (long h = fromHeight; h <= tip; h++)
        {
            other.submitBlock(blockHex(rpc("getblockhash", h).asText()));
        }
    }

    /**
     * @param hash a block hash.
     * @return the block's serialised bytes as hex.
     */
    public String blockHex(final String hash)
    {
        return rpc("getblock", hash, 0).asText();
    }

    /** @return {@code getpeerinfo}. */
    public JsonNode peerInfo()
    {
        return rpc("getpeerinfo");
    }

    /** @return {@code listbanned}. */
    public JsonNode banned()
    {
        return rpc("listbanned");
    }

    /**
     * Wait until the node's tip is the given block.
     *
     * @param hash      the block hash.
     * @param timeoutMs how long to wait.
     * @return true when the tip is that block.
     */
    public boolean awaitTip(final String hash, final long timeoutMs)
    {
        return hash.equals(rpc("waitforblock", hash, timeoutMs).path("hash").asText());
    }

    /**
     * Connect this node to another (outbound, one try) and wait until both see the connection.
     *
     * @param other the node to connect to.
     */
    public void connectTo(final RegtestNode other)
    {
        rpc("addnode", "127.0.0.1:" + other.p2pPort(), "onetry");
    }

    /**
     * Whether the text appears in the node's debug.log.
     *
     * @param text text to look for.
     * @return true when it does.
     */
    public boolean logContains(final String text)
    {
        try
        {
            return Files.exists(debugLog()) && Files.readString(debugLog(), StandardCharsets.ISO_8859_1).contains(text);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** Stop the node (RPC {@code stop}, then SIGTERM, then SIGKILL) and delete its datadir. */
    @Override
    public void close()
    {
        try
        {
            if (process.isAlive())
            {
                try
                {
                    rawCall(requestBody("stop"));
                }
                catch (final RuntimeException ignore)
                {
                    // Already going down or not answering: the signals below finish the job.
                }
                if (!process.waitFor(15, TimeUnit.SECONDS))
                {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        finally
        {
            deleteTree(datadir);
        }
    }

    /**
     * Stop the node's process but keep its datadir, so that {@link #restart()} brings the same chain back.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void stopProcess() throws InterruptedException
    {
        stopProcess(Duration.ofSeconds(15));
    }

    /**
     * As {@link #stopProcess()}, waiting up to {@code wait} for a clean stop before killing it.
     *
     * @param wait how long dashd may take to stop.
     * @return true when it stopped by itself, false when it had to be killed.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean stopProcess(final Duration wait) throws InterruptedException
    {
        rawCall(requestBody("stop"));
        if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS))
        {
            return true;
        }
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return false;
    }


    /**
     * Start the node again after {@link #stopProcess()}: same ports, same datadir, same chain.
     *
     * @throws IOException when it does not come up.
     */
    public void restart() throws IOException
    {
        process = launch(command, datadir);
        awaitRpc();
    }

    private String currentAuthorization() throws IOException
    {
        if (cookieAuth)
        {
            // dashd writes a new cookie at every start (and removes it at stop): read it while it is missing or stale.
            // Not there yet (dashd writes it when its RPC server starts): do not knock with a wrong one,
            // dashd would log a failed login that a test may be looking for.
            final String cookie = Files.exists(cookieFile()) ? Files.readString(cookieFile(), StandardCharsets.UTF_8).trim() : "";
            if (cookie.isEmpty())
            {
                throw new IOException("no RPC cookie yet at " + cookieFile());
            }
            authorization = basic(cookie);
        }
        return authorization;
    }

    private static String basic(final String userColonPassword)
    {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static Process launch(final List<String> command, final Path datadir) throws IOException
    {
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(datadir.resolve("stdout.log").toFile()))
            .start();
    }

    private String requestBody(final String method, final Object... params)
    {
        final ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "1.0");
        request.put("id", ++nextId);
        request.put("method", method);
        final ArrayNode array = request.putArray("params");
        for (final Object param : params)
        {
            array.add(JSON.valueToTree(param));
        }
        return request.toString();
    }

    private void awaitRpc() throws IOException
    {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                final String out = Files.readString(datadir.resolve("stdout.log"));
                deleteTree(datadir);
                throw new IOException("dashd exited with " + process.exitValue() + ": " + out);
            }
            try
            {
                final JsonNode reply = rawCall(requestBody("getblockcount"));
                if (reply.path("error").isNull())
                {
                    return;
                }
            }
            catch (final RuntimeException notYet)
            {
                // RPC not up yet, or still warming up (-28): poll again.
            }
            sleep(100);
        }
        close();
        throw new IOException("dashd RPC did not answer within " + START_TIMEOUT);
    }

    /**
     * A port free on 127.0.0.1 right now (bound to port 0 and released).
     *
     * @return the port.
     * @throws IOException when no port can be bound.
     */
    public static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(final Path root)
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ignore)
        {
            // A temp directory we could not remove is left for the OS to clean.
        }
    }

    /** An error answer from the node's RPC. */
    public static final class RpcError extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        private final int code;

        RpcError(final String method, final int code, final String message)
        {
            super(method + ": " + code + " " + message);
            this.code = code;
        }

        /** @return dashd's error code. */
        public int code()
        {
            return code;
        }
    }
}
