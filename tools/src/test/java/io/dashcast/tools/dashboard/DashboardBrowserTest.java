package io.dashcast.tools.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import io.dashcast.sim.dashd.FakeDashd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real browser: headless Chromium (Debian package {@code chromium}) driven by
 * Playwright ({@code src/test/browser/dashboard.test.mjs}) against the daemon with simulated peers
 * and a fake dashd. The script asks this test, over a small control port, to submit blocks and to
 * kill and restart a peer, and checks the page follows live. It saves {@code docs/dashboard.png}.
 * Skipped when Chromium or the npm packages are missing, unless {@code DASHCAST_BROWSER_TEST=required}
 * (as in {@code .ci/run}).
 */
class DashboardBrowserTest
{
    private static final Path BROWSER_DIR = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private final AtomicInteger nextBlock = new AtomicInteger();
    private List<byte[]> chain;
    private FakeDashd dashd;
    private Daemon daemon;
    private HttpServer control;
    private int killedPort;

    @AfterEach
    void tearDown()
    {
        if (control != null)
        {
            control.stop(0);
        }
        if (daemon != null)
        {
            daemon.close();
        }
        if (dashd != null)
        {
            dashd.close();
        }
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(240)
    void shouldShowBlocksAndPeerHealthLiveBehindCredentials() throws Exception
    {
        final boolean required = "required".equals(System.getenv("DASHCAST_BROWSER_TEST"));
        final boolean available = Files.isExecutable(CHROMIUM) &&
            Files.isDirectory(BROWSER_DIR.resolve("node_modules").resolve("playwright-core"));
        if (!available && required)
        {
            fail("chromium or " + BROWSER_DIR + "/node_modules missing (apt-get install chromium; npm ci --prefix " +
                BROWSER_DIR + ")");
        }
        Assumptions.assumeTrue(available, "chromium and playwright-core not installed");
        startDaemon();
        startControl();

        final Path screenshot = Path.of("..", "docs", "dashboard.png").toAbsolutePath().normalize();
        final ProcessBuilder node = new ProcessBuilder("node", "dashboard.test.mjs")
            .directory(BROWSER_DIR.toFile())
            .redirectErrorStream(true);
        node.environment().put("DASHBOARD_URL", "http://127.0.0.1:" + daemon.metricsPort() + "/");
        node.environment().put("DASHBOARD_USER", "pool");
        node.environment().put("DASHBOARD_PASSWORD", "pool-pw");
        node.environment().put("CONTROL_URL", "http://127.0.0.1:" + control.getAddress().getPort());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        node.environment().put("SCREENSHOT", screenshot.toString());
        final Process process = node.start();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final Thread pump = new Thread(() ->
        {
            try
            {
                process.getInputStream().transferTo(output);
            }
            catch (final IOException ignore)
            {
                // process ended
            }
        });
        pump.start();
        if (!process.waitFor(180, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            pump.join(5000);
            fail("browser test timed out:\n" + output.toString(StandardCharsets.UTF_8));
        }
        pump.join(5000);
        final String log = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("step: done"), log);
        assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
    }

    private void startDaemon() throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            nodes.add(SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)));
        }
        chain = TestBlocks.chain(Network.REGTEST, 8);
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
        final List<PeerEntry> entries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++)
        {
            entries.add(new PeerEntry("127.0.0.1", nodes.get(i).port(), i == 0 ? Priority.CRITICAL : Priority.NORMAL,
                "sim-" + i, true));
        }
        daemon = Daemon.start(new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "dashboard", entries,
                new Settings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(300))))
            .dashd(new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password")
                .connectTimeoutMs(1000).requestTimeoutMs(5_000))
            .rpcPort(0).rpcUser("pool").rpcPassword("pool-pw")
            .sharedMemory(false)
            .loops(1)
            .metricsPort(0)
            .chainPollMs(0)
            .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .err(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    private void startControl() throws IOException
    {
        control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        control.createContext("/submit", exchange -> answer(exchange, submit()));
        control.createContext("/kill", exchange ->
        {
            final SimulatedDashNode node = nodes.remove(2);
            killedPort = node.port();
            node.close();
            answer(exchange, "killed sim-2");
        });
        control.createContext("/restart", exchange ->
        {
            nodes.add(SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST).port(killedPort)));
            answer(exchange, "restarted sim-2");
        });
        control.start();
    }

    private String submit()
    {
        final byte[] block = chain.get(nextBlock.getAndIncrement());
        try
        {
            daemon.submitter().submit(block, "api").get(20, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return TestBlocks.hashHex(block);
    }

    private static void answer(final HttpExchange exchange, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
