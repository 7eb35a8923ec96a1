package io.dashcast.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import io.dashcast.sim.dashd.FakeDashd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The daemon's dashd-compatible JSON-RPC endpoint, running (a whole {@link Daemon} with one
 * simulated peer and a fake dashd), fed over a loopback socket. The first input byte picks how
 * much of the request is real, so the fuzzer gets past HTTP and Basic auth to the JSON:
 * <ul>
 *   <li>0: the whole request is the input (request line, headers, body);</li>
 *   <li>1: a valid POST with valid credentials and Content-Length; the body is the input;</li>
 *   <li>2: a valid request line and credentials; the input is the rest of the headers and the body.</li>
 * </ul>
 * Each answer must be a well-formed HTTP status line, or a close; never a hang (15 s: the shared
 * CI machine is slow, and a request the server waits on forever exceeds any bound), and the
 * daemon must log no exception. After the run the endpoint still answers a valid call.
 * <p>
 * With {@code -Dfuzz.endpoint=memory} (the recorded long runs, {@code fuzz/run-long.sh}) the same
 * bytes go through {@link io.dashcast.tools.jsonrpc.RpcGateway#exchangeInMemory}: the same
 * connection code, head parser and handler without a socket per input, many times as many inputs
 * a second. CI's short run keeps the socket.
 */
class JsonRpcEndpointFuzzTest
{
    private static final String USER = "pool";
    private static final String PASSWORD = "fuzz-password";
    private static final String AUTH = "Authorization: Basic " +
        Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.US_ASCII)) + "\r\n";
    private static final int READ_TIMEOUT_MS = 15_000;
    private static final boolean IN_MEMORY = "memory".equals(System.getProperty("fuzz.endpoint"));
    private static final HangWatchdog WATCHDOG = new HangWatchdog("JsonRpcEndpointFuzzTest", 40_000_000_000L);

    private static SimulatedDashNode node;
    private static FakeDashd dashd;
    private static Daemon daemon;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static int logChecked;

    private final byte[] answer = new byte[64];

    @BeforeAll
    static void startDaemon() throws IOException
    {
        node = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST));
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
        final PrintStream log = new PrintStream(LOG, true, StandardCharsets.UTF_8);
        daemon = Daemon.start(new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "fuzz",
                List.of(new PeerEntry("127.0.0.1", node.port(), Priority.CRITICAL, "sim", true)),
                new Settings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(300))))
            .dashd(new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password")
                .connectTimeoutMs(2000).requestTimeoutMs(5_000))
            .rpcPort(0).rpcUser(USER).rpcPassword(PASSWORD)
            .sharedMemory(false)
            .loops(1)
            .out(log)
            .err(log));
        // The first requests load and instrument the endpoint's classes: not a hang.
        assertServing();
    }

    private static void assertServing()
    {
        final RpcReply reply = new DashdRpcClient(new DashdRpcClient.Context().port(daemon.rpcPort()).user(USER)
            .password(PASSWORD).requestTimeoutMs(60_000).conclude()).getblockcount();
        if (reply.status() != RpcReply.Status.OK)
        {
            throw new AssertionError("the endpoint does not serve: " + reply);
        }
    }

    @AfterAll
    static void stopDaemon()
    {
        try
        {
            assertServing();
        }
        finally
        {
            daemon.close();
            dashd.close();
            node.close();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void request(final byte[] data) throws IOException
    {
        if (data.length < 1)
        {
            return;
        }
        WATCHDOG.begin(data);
        try
        {
            exchange(compose(data));
            checkLog();
        }
        finally
        {
            WATCHDOG.end();
        }
    }

    private static byte[] compose(final byte[] data)
    {
        final ByteArrayOutputStream request = new ByteArrayOutputStream(data.length + 256);
        switch (data[0] & 3)
        {
            case 1 ->
            {
                request.writeBytes(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH +
                    "Content-Type: application/json\r\nContent-Length: " + (data.length - 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                request.write(data, 1, data.length - 1);
            }
            case 2 ->
            {
                request.writeBytes(("POST / HTTP/1.1\r\n" + AUTH).getBytes(StandardCharsets.US_ASCII));
                request.write(data, 1, data.length - 1);
            }
            default -> request.write(data, 1, data.length - 1);
        }
        return request.toByteArray();
    }

    private void exchange(final byte[] request) throws IOException
    {
        if (IN_MEMORY)
        {
            final byte[] written;
            try
            {
                written = daemon.rpcGateway().exchangeInMemory(request, READ_TIMEOUT_MS);
            }
            catch (final IllegalStateException hang)
            {
                throw new AssertionError(hang.getMessage(), hang);
            }
            final int n = Math.min(written.length, answer.length);
            System.arraycopy(written, 0, answer, 0, n);
            if (n > 0)
            {
                checkStatusLine(n, request);
            }
            return;
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.rpcPort()))
        {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setSoLinger(true, 0);
            final OutputStream out = socket.getOutputStream();
            try
            {
                out.write(request);
                socket.shutdownOutput();
            }
            catch (final IOException closedEarly)
            {
                // The server may answer (413, 400) and close before reading everything.
            }
            final int n = readAnswer(socket.getInputStream());
            if (n > 0)
            {
                checkStatusLine(n, request);
            }
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("the endpoint neither answered nor closed within " + READ_TIMEOUT_MS + " ms", ex);
        }
    }

    private int readAnswer(final InputStream in) throws IOException
    {
        int n = 0;
        try
        {
            int r;
            while (n < answer.length && (r = in.read(answer, n, answer.length - n)) > 0)
            {
                n += r;
            }
            // Drain the rest, so the server is never blocked on us.
            while (in.read(new byte[4096]) > 0)
            {
                // discard
            }
        }
        catch (final SocketTimeoutException ex)
        {
            throw ex;
        }
        catch (final IOException reset)
        {
            // A reset after the server refused the request is a close.
        }
        return n;
    }

    private void checkStatusLine(final int n, final byte[] request)
    {
        final String head = new String(answer, 0, n, StandardCharsets.ISO_8859_1);
        if (!head.matches("(?s)HTTP/1\\.[01] [1-5][0-9][0-9][ \r].*") && n >= 13)
        {
            throw new AssertionError("not an HTTP answer: " + head + " to " +
                new String(request, StandardCharsets.ISO_8859_1));
        }
    }

    private static void checkLog()
    {
        final String log;
        synchronized (LOG)
        {
            log = LOG.toString(StandardCharsets.UTF_8);
        }
        final String fresh = log.substring(Math.min(logChecked, log.length()));
        logChecked = log.length();
        if (fresh.contains("Exception") || fresh.contains("Error:") || fresh.contains("\tat "))
        {
            throw new AssertionError("the daemon logged an exception: " + fresh);
        }
    }
}
