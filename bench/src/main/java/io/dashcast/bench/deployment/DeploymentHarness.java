package io.dashcast.bench.deployment;

import io.dashcast.bench.harness.Delivery;
import io.dashcast.bench.harness.FanOut;
import io.dashcast.bench.harness.FloorFanOut;
import io.dashcast.bench.harness.HarnessException;
import io.dashcast.bench.harness.ReceiverLink;
import io.dashcast.bench.harness.Workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The deployment case ({@code bench/run --deployment}): per block size and ingress, the first
 * block after a fresh start (a child JVM per sample, {@link FirstBlockMain}), blocks spaced like
 * real blocks with a cache-polluting load in between ({@link CachePolluter}), and back-to-back
 * warm blocks, each timed from the ingress call; the floor measured the same way. Repeated
 * {@code --runs} times; the tables give the median of the runs' p50.
 */
public final class DeploymentHarness
{
    static final String FIRST = "first";
    static final String WARM = "warm";
    private static final long SAMPLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final DeploymentOptions options;
    private final ReceiverLink link;
    private final CachePolluter polluter;
    private final Map<String, CaseResult> results = new LinkedHashMap<>();

    private DeploymentHarness(final DeploymentOptions options, final ReceiverLink link)
    {
        this.options = options;
        this.link = link;
        this.polluter = options.load ? new CachePolluter() : null;
    }

    /**
     * @param args see {@link DeploymentOptions#usage()}.
     */
    public static void main(final String[] args)
    {
        final DeploymentOptions options;
        try
        {
            options = DeploymentOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench: " + ex.getMessage());
            System.err.print(DeploymentOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.print(DeploymentOptions.usage());
            return;
        }
        System.exit(run(options));
    }

    static int run(final DeploymentOptions options)
    {
        final List<CaseResult> cases;
        try (ReceiverLink link = ReceiverLink.start())
        {
            final DeploymentHarness harness = new DeploymentHarness(options, link);
            for (int run = 0; run < options.runs; run++)
            {
                harness.runOnce(run);
            }
            cases = new ArrayList<>(harness.results.values());
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("bench: " + ex);
            return 1;
        }
        final DeploymentReport report = new DeploymentReport(options, cases);
        try
        {
            report.writeAll(options.out);
        }
        catch (final IOException ex)
        {
            System.err.println("bench: cannot write results to " + options.out + ": " + ex.getMessage());
            return 1;
        }
        System.out.println(report.markdown());
        final boolean failed = cases.stream().anyMatch(c -> c.failure != null);
        return failed ? 3 : 0;
    }

    private void runOnce(final int run)
    {
        for (final CaseResult c : results.values())
        {
            c.newRun();
        }
        for (final int size : options.sizes)
        {
            for (final Ingress ingress : options.ingresses)
            {
                if (options.firstSamples > 0)
                {
                    final CaseResult first = result(ingress, size, FIRST);
                    for (int i = 0; i < options.firstSamples && first.failure == null; i++)
                    {
                        firstBlock(ingress, size, first);
                    }
                }
                measureInProcess(ingress, size);
                System.err.printf(Locale.ROOT, "[run %d/%d] %s %s: done%n", run + 1, options.runs,
                    DeploymentOptions.sizeLabel(size), ingress.key());
            }
        }
    }

    private CaseResult result(final Ingress ingress, final int size, final String phase)
    {
        return results.computeIfAbsent(ingress.key() + '|' + size + '|' + phase, k ->
        {
            final CaseResult c = new CaseResult(ingress, size, phase);
            c.newRun();
            return c;
        });
    }

    static String spacedPhase(final double seconds)
    {
        return "spaced " + (seconds == Math.rint(seconds) ? String.valueOf((long)seconds) : String.valueOf(seconds)) + " s";
    }

    /**
     * One system started in this JVM: warm-up, back-to-back blocks, then spaced blocks.
     */
    private void measureInProcess(final Ingress ingress, final int size)
    {
        final Workload workload = Workload.of(options.peers, size);
        final FanOut fanOut = ingress == Ingress.FLOOR ? new FloorFanOut() :
            IngressPath.of(ingress, options);
        CaseResult current = result(ingress, size, WARM);
        try
        {
            fanOut.start(link, workload);
            long sample = 0;
            for (int i = 0; i < options.warmup; i++)
            {
                sendOne(fanOut, sample++, null);
                gap();
            }
            for (int i = 0; i < options.warmSamples; i++)
            {
                sendOne(fanOut, sample++, current);
                gap();
            }
            for (final double spacing : options.spacingsS)
            {
                current = result(ingress, size, spacedPhase(spacing));
                for (int i = 0; i < options.spacedSamples; i++)
                {
                    idle(spacing);
                    sendOne(fanOut, sample++, current);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            current.failure = String.valueOf(ex.getMessage());
            System.err.println("bench: " + ingress.key() + " " + DeploymentOptions.sizeLabel(size) + " " + current.phase + ": " + ex);
        }
        finally
        {
            fanOut.close();
            link.closeSession();
        }
    }

    private void gap()
    {
        if (options.gapUs > 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(options.gapUs));
        }
    }

    private void idle(final double seconds)
    {
        if (polluter != null)
        {
            polluter.start();
        }
        LockSupport.parkNanos((long)(seconds * 1e9));
        if (polluter != null)
        {
            polluter.stop();
        }
    }

    private void sendOne(final FanOut fanOut, final long sample, final CaseResult result) throws IOException
    {
        final long t0 = System.nanoTime();
        fanOut.send(sample);
        final long t1 = System.nanoTime();
        final Delivery delivery = link.awaitDelivery(sample, SAMPLE_TIMEOUT_NS);
        fanOut.awaitHandoff(sample, delivery, System.nanoTime() + SAMPLE_TIMEOUT_NS);
        if (result != null)
        {
            result.record(CaseResult.Metric.CALL, t1 - t0);
            result.record(CaseResult.Metric.FIRST_PEER, fanOut.firstHandoffNs() - t0);
            result.record(CaseResult.Metric.HANDOFF, fanOut.lastHandoffNs() - t0);
            result.record(CaseResult.Metric.DELIVERY, delivery.lastPeerNs - t0);
        }
    }

    /**
     * One sample of the first block after start: a child JVM on freshly opened receivers.
     */
    private void firstBlock(final Ingress ingress, final int size, final CaseResult result)
    {
        Process child = null;
        try
        {
            final int[] ports = link.open(options.peers);
            final StringBuilder portList = new StringBuilder();
            for (final int port : ports)
            {
                portList.append(portList.length() == 0 ? "" : ",").append(port);
            }
            final List<String> command = childCommand();
            command.addAll(List.of(FirstBlockMain.class.getName(), ingress.key(), String.valueOf(options.peers),
                String.valueOf(size), String.valueOf(options.firstDelayMs), options.idleMode.name(),
                String.valueOf(options.loops), String.valueOf(options.keepWarmMs), String.valueOf(options.warmUpIterations),
                portList.toString(), String.valueOf(options.rpcWarmUpRequests), String.valueOf(options.rpcKeepWarmMs),
                options.shmIdle, String.valueOf(options.rehearsalBlocks)));
            child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            final BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("R "))
            {
                System.err.println("child: " + line);
            }
            if (line == null)
            {
                throw new HarnessException("first-block child exited with status " + child.waitFor());
            }
            final String[] w = line.split(" ");
            final long t0 = Long.parseLong(w[1]);
            final Delivery delivery = link.awaitDelivery(0, SAMPLE_TIMEOUT_NS);
            result.record(CaseResult.Metric.CALL, Long.parseLong(w[2]) - t0);
            result.record(CaseResult.Metric.FIRST_PEER, Long.parseLong(w[3]) - t0);
            result.record(CaseResult.Metric.HANDOFF, Long.parseLong(w[4]) - t0);
            result.record(CaseResult.Metric.DELIVERY, delivery.lastPeerNs - t0);
        }
        catch (final IOException | RuntimeException ex)
        {
            result.failure = String.valueOf(ex.getMessage());
            System.err.println("bench: first block " + ingress.key() + " " + DeploymentOptions.sizeLabel(size) + ": " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            result.failure = "interrupted";
        }
        finally
        {
            if (child != null)
            {
                stop(child);
            }
            link.closeSession();
        }
    }

    private List<String> childCommand()
    {
        final List<String> command = new ArrayList<>();
        command.add(options.childJava != null ? options.childJava :
            Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-XX:-DontCompileHugeMethods"))
            {
                command.add(arg);
            }
        }
        // The launcher's heap: fixed and touched at start, so no block waits for page faults.
        command.add("-Xms256m");
        command.add("-Xmx256m");
        command.add("-XX:+AlwaysPreTouch");
        command.add("-XX:MaxDirectMemorySize=512m");
        command.addAll(options.childOpts);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }

    private static void stop(final Process child)
    {
        try
        {
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS))
            {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final IOException ex)
        {
            child.destroyForcibly();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }

    static void ensureDirectory(final java.nio.file.Path dir) throws IOException
    {
        Files.createDirectories(dir);
    }
}
