package io.dashcast.tools;

import io.dashcast.tools.config.BroadcastPeersLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class DashcastMainTest
{
    @Command(name = "load-config")
    static final class LoadConfig implements Callable<Integer>
    {
        @Parameters(index = "0")
        private Path file;

        @Override
        public Integer call()
        {
            BroadcastPeersLoader.load(file);
            return 0;
        }
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer>
    {
        @Override
        public Integer call()
        {
            throw new IllegalStateException("line one\nline two");
        }
    }

    @Test
    void shouldReportAConfigErrorAsOneLineWithStatus2()
    {
        final StringWriter err = new StringWriter();
        final int status = run(err, "load-config", "/nonexistent/peers.json");

        assertEquals(DashcastMain.EXIT_BAD_INPUT, status);
        DecodeCommandTest.assertOneErrorLine(err.toString(), "dashcast load-config: /nonexistent/peers.json: file not found",
            ": fix: ");
    }

    @Test
    void shouldReportAnInternalErrorAsOneLineWithStatus1()
    {
        final StringWriter err = new StringWriter();
        final int status = run(err, "boom");

        assertEquals(DashcastMain.EXIT_FAILURE, status);
        assertEquals("dashcast boom: internal error: java.lang.IllegalStateException: line one line two\n",
            err.toString());
    }

    private static int run(final StringWriter err, final String... args)
    {
        final CommandLine commandLine = DashcastMain.commandLine(new ByteArrayInputStream(new byte[0]));
        commandLine.addSubcommand(new LoadConfig());
        commandLine.addSubcommand(new Boom());
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }
}
