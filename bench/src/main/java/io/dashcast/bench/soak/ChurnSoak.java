package io.dashcast.bench.soak;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import io.dashcast.tools.daemon.SubmissionReport;
import io.dashcast.sim.dashd.FakeDashd;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The churn soak: the daemon in this JVM on {@code --peers} simulated Dash nodes (also in this JVM,
 * as is the fake dashd) that disconnect, stall and come back at random, and a new block every
 * {@code --interval-ms} through the API, the shared-memory queue and JSON-RPC in turn. Every minute
 * it samples the process's open file descriptors, heap used after a full GC, live threads and RSS.
 * Exit status 1 when any block got no report (lost) or a resource grew from the first sample after
 * warm-up to the last beyond the bounds in {@link #grew}; the table goes to {@code --out}.
 * <p>
 * Usage: {@code bench/soak [--minutes 60] [--peers 50] [--interval-ms 2000] [--out docs/soak.md]}.
 */
public final class ChurnSoak
{
    private static final Random RANDOM = new Random(10);
    private static final String REACHED_ALL = "all";
    private static final String REACHED_SOME = "some";

    private final int peers;
    private final long minutes;
    private final long intervalMs;
    private final Path out;
    private final Path dir;
    private final List<SimulatedDashNode> nodes = new CopyOnWriteArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<byte[]> chain = new CopyOnWriteArrayList<>();
    private final Map<String, Long> submittedAtNs = new ConcurrentHashMap<>();
    /**
     * Each block's outcome as the end check needs it ({@link #REACHED_ALL}, {@link #REACHED_SOME} or
     * the lost report's text), not the report itself: a report holds a result per peer (~3 kB at 50
     * peers), and keeping 1,800 of them was the harness's own share of the heap growth it measures.
     */
    private final Map<String, String> reports = new ConcurrentHashMap<>();
    private final List<long[]> samples = new ArrayList<>();
    private final ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor();
    /** Nodes closed and not yet back: not churned again until they are. */
    private final java.util.Set<Integer> down = ConcurrentHashMap.newKeySet();
    private long disconnects;
    private long stalls;
    private FakeDashd dashd;
    private Daemon daemon;

    private ChurnSoak(final int peers, final long minutes, final long intervalMs, final Path out) throws IOException
    {
        this.peers = peers;
        this.minutes = minutes;
        this.intervalMs = intervalMs;
        this.out = out;
        this.dir = Files.createTempDirectory("dashcast-soak-");
    }

    /** The command line, read by picocli. */
    @Command(name = "soak", separator = " ", sortOptions = false, synopsisHeading = "", usageHelpWidth = 110,
        customSynopsis = "usage: bench/soak/run.sh [options]")
    static final class Options
    {
        @Option(names = "--peers", paramLabel = "N", order = 1, description = "simulated peers (default 50)")
        int peers = 50;

        @Option(names = "--minutes", paramLabel = "M", order = 2, description = "how long (default 60)")
        long minutes = 60;

        @Option(names = "--interval-ms", paramLabel = "MS", order = 3,
            description = "one block every MS through the three ingresses in turn (default 2000)")
        long intervalMs = 2000;

        @Option(names = "--out", paramLabel = "FILE", order = 4, description = "the figures (default docs/soak.md)")
        Path out = Path.of("docs/soak.md");

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 5, description = "this help")
        boolean help;

        /**
         * @param args the command line.
         * @return the options.
         * @throws ParameterException naming the option at fault.
         */
        static Options parse(final String... args)
        {
            final Options o = new Options();
            final CommandLine commandLine = new CommandLine(o);
            commandLine.parseArgs(args);
            if (o.peers < 1 || o.minutes < 1 || o.intervalMs < 1)
            {
                throw new ParameterException(commandLine, "--peers, --minutes and --interval-ms must be at least 1");
            }
            return o;
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final Options o;
        try
        {
            o = Options.parse(args);
        }
        catch (final ParameterException ex)
        {
            System.err.println("soak: " + ex.getMessage());
            System.err.print(ex.getCommandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
            System.exit(2);
            return;
        }
        if (o.help)
        {
            System.out.print(new CommandLine(o).getUsageMessage(CommandLine.Help.Ansi.OFF));
            return;
        }
        System.exit(new ChurnSoak(o.peers, o.minutes, o.intervalMs, o.out).run() ? 0 : 1);
    }

    private boolean run() throws Exception
    {
        start();
        final long startNs = System.nanoTime();
        final long endNs = startNs + TimeUnit.MINUTES.toNanos(minutes);
        churn.scheduleWithFixedDelay(this::churnOnce, 1, 1, TimeUnit.SECONDS);
        long nextSampleNs = startNs;
        long nextBlockNs = startNs;
        int ingress = 0;
        while (System.nanoTime() < endNs)
        {
            final long now = System.nanoTime();
            if (now >= nextSampleNs)
            {
                sample((now - startNs) / 60_000_000_000L);
                nextSampleNs += TimeUnit.MINUTES.toNanos(1);
            }
            if (now >= nextBlockNs)
            {
                submit(ingress++ % 3);
                nextBlockNs += TimeUnit.MILLISECONDS.toNanos(intervalMs);
            }
            Thread.sleep(20);
        }
        churn.shutdownNow();
        churn.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(20_000);
        sample(minutes);
        final boolean ok = report();
        daemon.close();
        dashd.close();
        nodes.forEach(SimulatedDashNode::close);
        return ok;
    }

    private void start() throws IOException
    {
        dashd = FakeDashd.start("dashd", "dashd-password");
        dashd.tip(Network.REGTEST.genesisHashHex(), 0);
        final List<PeerEntry> entries = new ArrayList<>();
        for (int i = 0; i < peers; i++)
        {
            final SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context()
                .network(Network.REGTEST).misbehaviour(new SimMisbehaviour()));
            nodes.add(node);
            ports.add(node.port());
            entries.add(new PeerEntry("127.0.0.1", node.port(), i == 0 ? Priority.CRITICAL : Priority.NORMAL,
                "sim-" + i, true));
        }
        final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        daemon = Daemon.start(new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "soak", entries,
                new Settings(peers, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(60))))
            .dashd(new DashdRpcClient.Context().port(dashd.port()).user("dashd").password("dashd-password")
                .requestTimeoutMs(5_000))
            .rpcPort(0).rpcUser("soak").rpcPassword("soak-password")
            .sharedMemoryPath(dir.resolve("queue.ring")).sharedMemoryCapacityBytes(4 * 1024 * 1024)
            .reportListener(r -> reports.put(r.blockHash(), outcome(r)))
            .out(quiet).err(quiet));
        System.out.println("soak: " + peers + " simulated peers, a block every " + intervalMs + " ms, " + minutes +
            " minutes; daemon up");
    }

    /**
     * One churn step: a random peer disconnects (back after 2-10 s with the chain so far), or stalls
     * for 5-15 s, or nothing happens (about one event every 2 s over the whole set).
     */
    private void churnOnce()
    {
        try
        {
            final int i = 1 + RANDOM.nextInt(peers - 1);
            final int dice = RANDOM.nextInt(4);
            if (down.contains(i))
            {
                return;
            }
            if (dice == 0)
            {
                disconnects++;
                down.add(i);
                nodes.get(i).close();
                final long backMs = 2_000 + RANDOM.nextInt(8_000);
                churn.schedule(() -> restart(i), backMs, TimeUnit.MILLISECONDS);
            }
            else if (dice == 1)
            {
                stalls++;
                final SimMisbehaviour misbehaviour = nodes.get(i).misbehaviour();
                misbehaviour.stallAfterHandshake(true);
                churn.schedule(() -> misbehaviour.stallAfterHandshake(false), 5_000 + RANDOM.nextInt(10_000),
                    TimeUnit.MILLISECONDS);
            }
        }
        catch (final RuntimeException ex)
        {
            System.out.println("soak: churn step failed: " + ex);
        }
    }

    private void restart(final int i)
    {
        try
        {
            nodes.set(i, SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)
                .port(ports.get(i)).initialBlocks(new ArrayList<>(chain)).misbehaviour(new SimMisbehaviour())));
            down.remove(i);
        }
        catch (final RuntimeException ex)
        {
            System.out.println("soak: restart of sim-" + i + " failed, retrying: " + ex);
            churn.schedule(() -> restart(i), 1, TimeUnit.SECONDS);
        }
    }

    private void submit(final int ingress)
    {
        final byte[] parent = chain.isEmpty() ? TestBlocks.genesis(Network.REGTEST) : chain.get(chain.size() - 1);
        final byte[] block = TestBlocks.on(parent, chain.size()).build();
        chain.add(block);
        final String hash = TestBlocks.hashHex(block);
        submittedAtNs.put(hash, System.nanoTime());
        switch (ingress)
        {
            case 0 -> daemon.submitter().submit(block, "api");
            case 1 ->
            {
                try (SharedMemoryBlockPublisher publisher = SharedMemoryBlockPublisher.open(dir.resolve("queue.ring")))
                {
                    if (publisher.offer(block) != SharedMemoryBlockPublisher.OfferResult.OK)
                    {
                        System.out.println("soak: shm refused " + hash);
                    }
                }
            }
            default -> new Thread(() -> new DashdRpcClient(new DashdRpcClient.Context().port(daemon.rpcPort())
                .user("soak").password("soak-password").requestTimeoutMs(30_000).conclude())
                .submitblock(block, 0, block.length), "soak-rpc").start();
        }
    }

    private void sample(final long minute) throws IOException
    {
        System.gc();
        final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        final long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long fds;
        try (var list = Files.list(Path.of("/proc/self/fd")))
        {
            fds = list.count();
        }
        long rssKb = -1;
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("VmRSS:"))
            {
                rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        final long[] s = {minute, fds, heap / 1024 / 1024, threads, rssKb / 1024, chain.size(), reports.size(),
            daemon.broadcaster().readyPeerCount()};
        samples.add(s);
        System.out.printf("soak: minute %d: fds %d, heap after GC %d MiB, threads %d, RSS %d MiB, blocks %d, " +
            "reports %d, ready peers %d%n", s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
    }

    private boolean report() throws IOException
    {
        long lost = 0;
        long reachedAll = 0;
        for (final Map.Entry<String, Long> e : submittedAtNs.entrySet())
        {
            final String r = reports.get(e.getKey());
            if (r == null || !(r.equals(REACHED_ALL) || r.equals(REACHED_SOME)))
            {
                lost++;
                System.out.println("soak: LOST " + e.getKey() + (r == null ? " (no report)" : " (" + r + ")"));
            }
            else if (r.equals(REACHED_ALL))
            {
                reachedAll++;
            }
        }
        final long[] first = samples.get(Math.min(2, samples.size() - 1));
        final long[] last = samples.get(samples.size() - 1);
        final String growth = grew(first, last);
        final StringBuilder md = new StringBuilder("# Churn soak, " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\n\n");
        md.append("`bench/soak --minutes ").append(minutes).append(" --peers ").append(peers).append(" --interval-ms ")
            .append(intervalMs).append("`: the daemon, ").append(peers).append(" simulated peers and the fake dashd ")
            .append("in one JVM; a random peer disconnects (back after 2-10 s) or stalls (5-15 s) about every 2 s; a ")
            .append("block every ").append(intervalMs).append(" ms via API, shm and JSON-RPC in turn.\n\n");
        md.append("| minute | fds | heap after GC (MiB) | threads | RSS (MiB) | blocks | reports | ready peers |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (final long[] s : samples)
        {
            md.append(String.format("| %d | %d | %d | %d | %d | %d | %d | %d |%n", s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]));
        }
        md.append("\nBlocks submitted: ").append(submittedAtNs.size()).append("; lost (no report, or reached no path): ")
            .append(lost).append("; every peer accounted for (acked, or failed/held back with a reason): ")
            .append(reachedAll).append(". Churn: ").append(disconnects).append(" disconnects, ").append(stalls)
            .append(" stalls.\n\nGrowth from minute ").append(first[0]).append(" to minute ").append(last[0]).append(": ")
            .append(growth.isEmpty() ? "none beyond the bounds" : growth).append(".\n");
        Files.writeString(out, md);
        System.out.println(md);
        return lost == 0 && growth.isEmpty();
    }

    private static String outcome(final SubmissionReport r)
    {
        if (!r.anySucceeded())
        {
            return r.toString();
        }
        return r.receipt() != null && r.receipt().ackCount() + failedOrHeld(r) == r.receipt().peers().size() ?
            REACHED_ALL : REACHED_SOME;
    }

    private static long failedOrHeld(final SubmissionReport r)
    {
        return r.receipt().peers().stream().filter(p -> p.failure() != io.dashcast.engine.FailureReason.NONE ||
            p.outcome() == io.dashcast.engine.PeerOutcome.HELD_BACK).count();
    }

    /**
     * Bounds: fds +32, threads +16, heap after GC +50 % and +32 MiB, RSS +25 % and +64 MiB.
     */
    static String grew(final long[] first, final long[] last)
    {
        final StringBuilder sb = new StringBuilder();
        if (last[1] > first[1] + 32)
        {
            sb.append("fds ").append(first[1]).append(" -> ").append(last[1]).append("; ");
        }
        if (last[3] > first[3] + 16)
        {
            sb.append("threads ").append(first[3]).append(" -> ").append(last[3]).append("; ");
        }
        if (last[2] > first[2] * 3 / 2 + 32)
        {
            sb.append("heap ").append(first[2]).append(" -> ").append(last[2]).append(" MiB; ");
        }
        if (last[4] > first[4] * 5 / 4 + 64)
        {
            sb.append("RSS ").append(first[4]).append(" -> ").append(last[4]).append(" MiB; ");
        }
        return sb.toString();
    }
}
