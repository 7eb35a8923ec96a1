package io.dashcast.tools;

import io.dashcast.tools.daemon.DaemonContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dashcast run} refuses what it cannot do with one line that names the flag and says why.
 */
@Timeout(60)
class RunCommandChecksTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRejectNegativeLoopsNamingTheFlag() throws Exception
    {
        final Cli run = run("--loops", "-1");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, run.status, run.err);
        assertOneLine(run.err, "--loops must be 0 (one per core) or 1..");
    }

    @Test
    void shouldRejectASocksProxyThatIsNotHostAndPort() throws Exception
    {
        final Cli run = run("--socks-proxy", "127.0.0.1");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, run.status, run.err);
        assertOneLine(run.err, "--socks-proxy '127.0.0.1' is not HOST:PORT");
    }

    @Test
    void shouldRejectLoopsBeyondTheBoundNamingTheFlagNotTheFileLimit() throws Exception
    {
        final Cli run = run("--loops", "100000");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, run.status, run.err);
        assertOneLine(run.err, "--loops 100000 is more than " +
            Runtime.getRuntime().availableProcessors() * DaemonContext.LOOPS_PER_CORE);
        assertFalse(run.err.contains("Too many open files"), run.err);
    }

    @Test
    void shouldSayWhyTheCookieCannotBeWrittenAndLeaveNothingRunning() throws Exception
    {
        final Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        final long threadsBefore = dashcastThreads();
        final Cli run = run("--rpc-port", "0", "--rpc-cookie", notADirectory.resolve(".cookie").toString());
        assertEquals(DashcastMain.EXIT_BAD_INPUT, run.status, run.err);
        assertOneLine(run.err, "cookie");
        assertTrue(run.err.contains(notADirectory + " exists and is not a directory"), run.err);
        assertTrue(run.err.contains("fix: "), run.err);
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (dashcastThreads() > threadsBefore && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertEquals(threadsBefore, dashcastThreads(), "a failed start stops the parts it had started");
    }

    private Cli run(final String... extra) throws Exception
    {
        final Path config = dir.resolve("peers.json");
        Files.writeString(config, "{ \"peers\": [ { \"host\": \"127.0.0.1\", \"port\": " + closedPort() +
            ", \"priority\": \"critical\" } ] }\n");
        final String[] base = { "run", "--network", "regtest", "--config", config.toString(), "--broadcast-no-fallback",
            "--no-shm", "--rpc-user", "u", "--rpc-password", "p", "--no-rpc" };
        final String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        if (String.join(" ", extra).contains("--rpc-cookie"))
        {
            // The cookie is written only when the endpoint runs with cookie auth.
            final java.util.List<String> withEndpoint = new java.util.ArrayList<>(java.util.List.of(args));
            withEndpoint.removeAll(java.util.List.of("--no-rpc", "--rpc-user", "u", "--rpc-password", "p"));
            return cli(withEndpoint.toArray(new String[0]));
        }
        return cli(args);
    }

    private static long dashcastThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("dashcast")).count();
    }

    private static int closedPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    static void assertOneLine(final String text, final String contains)
    {
        final String trimmed = text.trim();
        assertFalse(trimmed.isEmpty(), "an error line");
        assertEquals(1, trimmed.split("\n").length, trimmed);
        assertTrue(trimmed.contains(contains), trimmed);
        assertFalse(trimmed.contains("\tat "), trimmed);
    }

    static Cli cli(final String... args)
    {
        final StringWriter outText = new StringWriter();
        final StringWriter errText = new StringWriter();
        final CommandLine commandLine = DashcastMain.commandLine(new ByteArrayInputStream(new byte[0]));
        commandLine.setOut(new PrintWriter(outText, true));
        commandLine.setErr(new PrintWriter(errText, true));
        final int status = commandLine.execute(args);
        return new Cli(status, outText.toString(), errText.toString());
    }

    record Cli(int status, String out, String err)
    {
    }
}
