package io.dashcast.tools;

import io.dashcast.tools.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * The {@code dashcast} command. Each sub-command is its own class, listed once in
 * {@code subcommands} below; adding one is one line there.
 * <p>
 * Exit status: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} an unexpected internal error,
 * {@value #EXIT_BAD_INPUT} bad input or bad usage. Every error is one line on stderr, prefixed
 * with the command's name; no stack trace reaches a user unless {@code DASHCAST_DEBUG=1} is set.
 */
@Command(
    name = "dashcast",
    mixinStandardHelpOptions = true,
    versionProvider = DashcastMain.Version.class,
    description = "Low-latency fan-out of a found Dash block to many Dash P2P peers.",
    subcommands = {
        DecodeCommand.class,
        ProbeCommand.class,
        RunCommand.class,
        DemoCommand.class,
        SendCommand.class,
        FeedCommand.class,
        SimPeerCommand.class,
        StatCommand.class,
        PeersCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class DashcastMain implements Runnable
{
    /** Success. */
    public static final int EXIT_OK = 0;
    /** An unexpected error inside dashcast (a bug or an environment failure). */
    public static final int EXIT_FAILURE = 1;
    /** Bad input or bad usage: the user can fix it. */
    public static final int EXIT_BAD_INPUT = 2;

    private final InputStream stdin;

    @Spec
    private CommandSpec spec;

    /**
     * @param stdin what the sub-commands read for the file name {@code -}.
     */
    public DashcastMain(final InputStream stdin)
    {
        this.stdin = stdin;
    }

    /**
     * @return the stream sub-commands read for {@code -}.
     */
    public InputStream stdin()
    {
        return stdin;
    }

    /**
     * Without a sub-command, print usage.
     */
    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Build the command line with dashcast's error handling; tests set its out and err streams.
     *
     * @param stdin what {@code -} reads.
     * @return the configured command line.
     */
    public static CommandLine commandLine(final InputStream stdin)
    {
        final CommandLine commandLine = new CommandLine(new DashcastMain(stdin));
        commandLine.setExecutionExceptionHandler(DashcastMain::onExecutionException);
        commandLine.setParameterExceptionHandler(DashcastMain::onParameterException);
        return commandLine;
    }

    /**
     * Run dashcast and exit with its status.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        int status;
        try
        {
            status = commandLine(System.in).execute(args);
        }
        catch (final Throwable ex)
        {
            // picocli rethrows Errors (a missing JVM flag, out of memory): still one line, no trace.
            System.err.println("dashcast: internal error: " + oneLine(String.valueOf(ex)));
            if ("1".equals(System.getenv("DASHCAST_DEBUG")))
            {
                ex.printStackTrace();
            }
            status = EXIT_FAILURE;
        }
        System.exit(status);
    }

    private static int onExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        final String name = commandLine.getCommandSpec().qualifiedName();
        if (ex instanceof BadInputException || ex instanceof ConfigException)
        {
            err.println(name + ": " + oneLine(ex.getMessage()));
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println(name + ": internal error: " + oneLine(String.valueOf(ex)));
        if ("1".equals(System.getenv("DASHCAST_DEBUG")))
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static int onParameterException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        final String name = commandLine.getCommandSpec().qualifiedName();
        err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /**
     * @param message any text.
     * @return the text with line breaks folded, so an error is always exactly one line.
     */
    static String oneLine(final String message)
    {
        return String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /**
     * The version from the jar manifest when there is one.
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = DashcastMain.class.getPackage().getImplementationVersion();
            return new String[] { "dashcast " + (version == null ? "(development build)" : version) };
        }
    }
}
