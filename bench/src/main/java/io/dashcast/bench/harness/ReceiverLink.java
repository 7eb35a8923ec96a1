package io.dashcast.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on the receiver process ({@link ReceiverMain}): starts it with this JVM's
 * classpath, sends it commands and reads its answers and delivery reports.
 */
public final class ReceiverLink implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Delivery delivery = new Delivery();

    private ReceiverLink(final Process process)
    {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        this.reader = new Thread(this::readLines, "receiver-link");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start the receiver JVM.
     *
     * @return the link.
     * @throws IOException if the process cannot be started.
     */
    public static ReceiverLink start() throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-XX:MaxDirectMemorySize=1g");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReceiverMain.class.getName());
        final Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        return new ReceiverLink(process);
    }

    private void readLines()
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            // process gone; awaiting callers time out with a clear message
        }
        lines.add("error receiver process exited");
    }

    /**
     * Open N fan-in receivers.
     *
     * @param peers how many.
     * @return their ports, in peer order.
     */
    public int[] open(final int peers)
    {
        send("open " + peers);
        return ports();
    }

    /**
     * Open a relay chain of a local node and N peers.
     *
     * @param peers         peers after the local node.
     * @param hopDelayNs    per-hop delay.
     * @param maxFrameBytes largest frame.
     * @return the local node's port.
     */
    int relay(final int peers, final long hopDelayNs, final int maxFrameBytes)
    {
        send("relay " + peers + ' ' + hopDelayNs + ' ' + maxFrameBytes);
        return ports()[0];
    }

    /**
     * Close the open session, dropping any delivery report or error still queued (a sender that
     * has just closed its sockets can make a receiver report a reset; that is not a fault).
     */
    public void closeSession()
    {
        send("close");
        awaitLine("closed", false);
        lines.clear();
    }

    /**
     * Wait for the delivery of one sample.
     *
     * @param sample    the expected sample index.
     * @param timeoutNs how long to wait.
     * @return the delivery (reused: read it before the next call).
     * @throws HarnessException on timeout, receiver error or a delivery out of order.
     */
    public Delivery awaitDelivery(final long sample, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (true)
        {
            final String line = poll(deadline, "delivery of sample " + sample);
            if (delivery.parse(line))
            {
                if (delivery.sample != sample)
                {
                    throw new HarnessException("receiver delivered sample " + delivery.sample + ", expected " + sample);
                }
                return delivery;
            }
            failOnError(line);
        }
    }

    private void send(final String command)
    {
        try
        {
            commands.write(command);
            commands.write('\n');
            commands.flush();
        }
        catch (final IOException ex)
        {
            throw new HarnessException("receiver process is gone: " + ex.getMessage(), ex);
        }
    }

    private int[] ports()
    {
        final String line = awaitLine("ports", true);
        final String[] words = line.split(" ");
        final int[] ports = new int[words.length - 1];
        for (int i = 0; i < ports.length; i++)
        {
            ports[i] = Integer.parseInt(words[i + 1]);
        }
        return ports;
    }

    private String awaitLine(final String prefix, final boolean failOnError)
    {
        final long deadline = System.nanoTime() + COMMAND_TIMEOUT_NS;
        while (true)
        {
            final String line = poll(deadline, "'" + prefix + "' from the receiver");
            if (line.startsWith(prefix))
            {
                return line;
            }
            if (failOnError || line.startsWith("error receiver process exited"))
            {
                failOnError(line);
            }
        }
    }

    private String poll(final long deadline, final String what)
    {
        try
        {
            final String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null)
            {
                throw new HarnessException("timed out waiting for " + what);
            }
            return line;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted waiting for " + what, ex);
        }
    }

    private static void failOnError(final String line)
    {
        if (line.startsWith("error"))
        {
            throw new HarnessException("receiver: " + line.substring(Math.min(6, line.length())));
        }
    }

    @Override
    public void close()
    {
        try
        {
            send("quit");
            commands.close();
        }
        catch (final IOException | HarnessException ex)
        {
            // already gone
        }
        try
        {
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
