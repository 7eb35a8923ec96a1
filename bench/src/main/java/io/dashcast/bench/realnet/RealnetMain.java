package io.dashcast.bench.realnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.protocol.Network;
import io.dashcast.sim.regtest.OpTrueCoins;
import io.dashcast.sim.regtest.RegtestNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Propagation on a network of real Dash Core v22.1.1 regtest nodes (not in CI; {@code bench/realnet/run.sh}).
 * <p>
 * N nodes in a sparse mesh ({@link Topology}), every link through a {@link DelayingRelay} with a
 * one-way delay of 10-50 ms (and optionally a rate cap). Blocks come from a miner outside the mesh.
 * The pool sits next to node 0 (its own dashd, no delay) and reaches every other node across a
 * relay of its own (10-50 ms, through one shared uplink when capped). Arms, alternating in every
 * round: {@code relay} (node 0 gets the block by RPC {@code submitblock}, Dash Core relays it),
 * {@code dashcast} (the engine with default settings pushes to all nodes), {@code dashcast-uplink}
 * (the same with the operator's uplink given). Each node's own debug.log {@code UpdateTip} time
 * (-logtimemicros) against the submit time gives the time to 50/90/100 % of the nodes.
 */
public final class RealnetMain
{
    private static final int TX_OUTPUTS = 300;
    private static final long FEE_SAT = 100_000;

    private final Options options;
    private final int nodeCount;
    private final int rounds;
    private final int capMbps;
    private final int uplinkMbps;
    private final long seed;
    private RegtestNode miner;
    private final List<RegtestNode> nodes = new ArrayList<>();
    private final List<DelayingRelay> relays = new ArrayList<>();
    private final List<String> spendable = new ArrayList<>();
    private final Map<String, List<double[]>> results = new LinkedHashMap<>();

    private RealnetMain(final Options options)
    {
        this.options = options;
        this.nodeCount = options.nodes;
        this.rounds = options.rounds;
        this.capMbps = options.capMbps;
        this.uplinkMbps = options.uplinkMbps != null ? options.uplinkMbps : capMbps > 0 ? capMbps : 1000;
        this.seed = options.seed;
    }

    /** The command line, read by picocli. */
    @Command(name = "realnet", separator = " ", sortOptions = false, synopsisHeading = "", usageHelpWidth = 110,
        customSynopsis = "usage: bench/realnet/run.sh [options]")
    static final class Options
    {
        @Option(names = "--nodes", paramLabel = "N", order = 1, description = "regtest nodes in the mesh (default 8)")
        int nodes = 8;

        @Option(names = "--rounds", paramLabel = "N", order = 2, description = "rounds per block kind (default 5)")
        int rounds = 5;

        @Option(names = "--kinds", paramLabel = "KIND", split = ",", order = 3,
            description = "block kinds: tiny, seen (~1 MB every mempool has), unseen (~1 MB none has); default tiny")
        List<String> kinds = List.of("tiny");

        @Option(names = "--cap-mbps", paramLabel = "M", order = 4,
            description = "rate cap on every link and the pool's shared uplink, Mbit/s (default 0: none)")
        int capMbps;

        @Option(names = "--uplink-mbps", paramLabel = "M", order = 5,
            description = "the uplink the dashcast-uplink arm is told (default the cap, else 1000)")
        Integer uplinkMbps;

        @Option(names = "--block-txs", paramLabel = "N", order = 6, description = "~9.7 kB transactions per ~1 MB block (default 100)")
        int blockTxs = 100;

        @Option(names = "--chain", paramLabel = "N", order = 7, description = "blocks the miner makes first (default 220)")
        int chain = 220;

        @Option(names = "--seed", paramLabel = "N", order = 8, description = "topology and delay seed (default 20261206)")
        long seed = 20261206L;

        @Option(names = "--out", paramLabel = "FILE", order = 9, description = "where the table goes (default bench/target/realnet.md)")
        Path out = Paths.get("bench/target/realnet.md");

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 10, description = "this help")
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
            if (o.nodes < 2 || o.rounds < 1 || o.blockTxs < 1 || o.chain < 101 || o.capMbps < 0)
            {
                throw new ParameterException(commandLine,
                    "need --nodes >= 2, --rounds >= 1, --block-txs >= 1, --chain >= 101 (mature coins), --cap-mbps >= 0");
            }
            for (final String kind : o.kinds)
            {
                if (!List.of("tiny", "seen", "unseen").contains(kind))
                {
                    throw new ParameterException(commandLine, "--kinds: '" + kind + "' is not one of tiny,seen,unseen");
                }
            }
            return o;
        }
    }

    /**
     * @param args see {@link Options} ({@code --help}).
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final ParameterException ex)
        {
            System.err.println("realnet: " + ex.getMessage());
            System.err.print(ex.getCommandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.print(new CommandLine(options).getUsageMessage(CommandLine.Help.Ansi.OFF));
            return;
        }
        final RealnetMain bench = new RealnetMain(options);
        try
        {
            bench.run();
        }
        finally
        {
            bench.stop();
        }
    }

    private void run() throws Exception
    {
        final Topology topology = new Topology(nodeCount, 10, 50, seed);
        log("topology: %d nodes, diameter %d, degrees %s; links %s", nodeCount, topology.diameter(),
            Arrays.toString(java.util.stream.IntStream.range(0, nodeCount).map(topology::degree).toArray()), topology);
        startNodes();
        connectMesh(topology);
        final List<String> kinds = options.kinds;
        if (!kinds.equals(List.of("tiny")))
        {
            prepareCoins(kinds.stream().filter(k -> !k.equals("tiny")).count() * rounds * 3L * blockTxCount());
        }
        final DelayingRelay.SharedUplink uplink = capMbps > 0 ? new DelayingRelay.SharedUplink(capMbps) : null;
        final java.util.Random random = new java.util.Random(seed + 1);
        final List<Integer> poolDelays = new ArrayList<>();
        final List<PeerEndpoint> peers = new ArrayList<>();
        peers.add(new PeerEndpoint("node-0", "127.0.0.1", nodes.get(0).p2pPort(), PeerPriority.CRITICAL).asOwnNode());
        for (int i = 1; i < nodeCount; i++)
        {
            final int delay = 10 + random.nextInt(41);
            poolDelays.add(delay);
            final DelayingRelay relay = new DelayingRelay(nodes.get(i).p2pPort(), delay, capMbps, uplink);
            relays.add(relay);
            peers.add(new PeerEndpoint("node-" + i, "127.0.0.1", relay.port(), PeerPriority.HIGH));
        }
        log("pool to nodes 1..%d: %s ms one way%s", nodeCount - 1, poolDelays, capMbps > 0 ? ", shared uplink " + capMbps + " Mbit/s" : "");
        try (Broadcaster plain = launch(new BroadcasterContext().network(Network.REGTEST).peers(peers));
            Broadcaster tuned = launch(new BroadcasterContext().network(Network.REGTEST).peers(peers).uplinkMbps(uplinkMbps)))
        {
            final String[] arms = {"relay", "dashcast", "dashcast-uplink"};
            for (final String kind : kinds)
            {
                for (int round = 0; round < rounds; round++)
                {
                    for (int k = 0; k < arms.length; k++)
                    {
                        // Rotate the order every round so no arm always follows the same one.
                        final String arm = arms[(k + round) % arms.length];
                        final double[] times = measure(kind, arm, "dashcast".equals(arm) ? plain : tuned);
                        results.computeIfAbsent(kind + "|" + arm, x -> new ArrayList<>()).add(times);
                        log("%-7s round %d %-16s t50 %7.1f  t90 %7.1f  t100 %7.1f ms%s", kind, round, arm, times[0], times[1],
                            times[2], "relay".equals(arm) ? "" : "  frames: " + lastFrames);
                    }
                }
            }
        }
        writeReport(topology, poolDelays);
    }

    /** What the last dashcast arm's receipt says each node was sent. */
    private String lastFrames = "";

    private double[] measure(final String kind, final String arm, final Broadcaster broadcaster) throws Exception
    {
        final List<String> txs = transactionsFor(kind);
        for (final String tx : txs)
        {
            miner.rpc("sendrawtransaction", tx);
            if (kind.equals("seen"))
            {
                for (final RegtestNode node : nodes)
                {
                    node.rpc("sendrawtransaction", tx);
                }
            }
        }
        final String hash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        final String hex = miner.blockHex(hash);
        final byte[] bytes = HexFormat.of().parseHex(hex);
        Thread.sleep(200); // quiet network before the clock starts
        final Instant start = Instant.now();
        if (arm.equals("relay"))
        {
            final String answer = nodes.get(0).submitBlock(hex);
            if (answer != null)
            {
                throw new IllegalStateException("submitblock: " + answer);
            }
        }
        else
        {
            final BroadcastReceipt receipt = broadcaster.submitAsync(bytes).get(60, TimeUnit.SECONDS);
            if (receipt.handoffCount() == 0)
            {
                throw new IllegalStateException("dashcast reached nobody: " + receipt);
            }
            lastFrames = frames(receipt);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        final double[] arrivalMs = new double[nodeCount];
        for (int i = 0; i < nodeCount; i++)
        {
            final RegtestNode node = nodes.get(i);
            while (!hash.equals(node.bestBlockHash()))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("node " + i + " did not get " + hash);
                }
                Thread.sleep(10);
            }
            arrivalMs[i] = ChronoUnit.MICROS.between(start, updateTipTime(node, hash)) / 1000.0;
        }
        Arrays.sort(arrivalMs);
        return new double[] {rank(arrivalMs, 0.5), rank(arrivalMs, 0.9), arrivalMs[nodeCount - 1], bytes.length};
    }

    /**
     * What the send policy chose per node, e.g. {@code COMPACT_BLOCK/LIKELY_RECONSTRUCTS x7,
     * FULL_BLOCK/OWN_NODE x1}: the proof of which frames the arm's figures come from.
     */
    private static String frames(final BroadcastReceipt receipt)
    {
        final java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (final BroadcastReceipt.PeerResult peer : receipt.peers())
        {
            counts.merge(peer.frame() + "/" + peer.reason(), 1, Integer::sum);
        }
        final StringBuilder text = new StringBuilder();
        counts.forEach((frame, n) -> text.append(text.length() == 0 ? "" : ", ").append(frame).append(" x").append(n));
        return text.toString();
    }

    private static double rank(final double[] sorted, final double fraction)
    {
        return sorted[(int)Math.ceil(fraction * sorted.length) - 1];
    }

    private List<String> transactionsFor(final String kind)
    {
        if (kind.equals("tiny"))
        {
            return List.of();
        }
        final List<String> txs = new ArrayList<>();
        for (int i = 0; i < blockTxCount(); i++)
        {
            final String[] coin = spendable.remove(spendable.size() - 1).split(":");
            txs.add(HexFormat.of().formatHex(OpTrueCoins.spend(coin[0], Integer.parseInt(coin[1]), Long.parseLong(coin[2]), TX_OUTPUTS, FEE_SAT)));
        }
        return txs;
    }

    /** Transactions of ~9.7 kB: ~100 make ~1 MB. */
    private int blockTxCount()
    {
        return options.blockTxs;
    }

    /** Split mature coinbases into enough outputs to fund every 1 MB block, in one block every node has. */
    private void prepareCoins(final long needed) throws Exception
    {
        final long splits = (needed + TX_OUTPUTS - 1) / TX_OUTPUTS;
        log("funding %d transactions from %d coinbases", needed, splits);
        final List<String> splitTxs = new ArrayList<>();
        for (int h = 1; h <= splits; h++)
        {
            final JsonNode coinbase = miner.rpc("getblock", miner.rpc("getblockhash", h).asText(), 2).path("tx").get(0);
            final byte[] tx = OpTrueCoins.spend(coinbase.path("txid").asText(), 0,
                coinbase.path("vout").get(0).path("valueSat").asLong(), TX_OUTPUTS, FEE_SAT);
            final long each = OpTrueCoins.outputValue(coinbase.path("vout").get(0).path("valueSat").asLong(), TX_OUTPUTS, FEE_SAT);
            final String txid = OpTrueCoins.txid(tx);
            for (int v = 0; v < TX_OUTPUTS; v++)
            {
                spendable.add(txid + ":" + v + ":" + each);
            }
            splitTxs.add(HexFormat.of().formatHex(tx));
        }
        for (final String tx : splitTxs)
        {
            miner.rpc("sendrawtransaction", tx);
        }
        final String funding = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        nodes.get(0).submitBlock(miner.blockHex(funding));
        awaitAll(funding);
    }

    private void startNodes() throws Exception
    {
        miner = RegtestNode.start();
        miner.generateTo(options.chain, OpTrueCoins.ADDRESS);
        for (int i = 0; i < nodeCount; i++)
        {
            final RegtestNode node = RegtestNode.start("-maxtipage=1000000000");
            nodes.add(node);
            miner.copyBlocksTo(node, 1);
        }
        log("miner and %d nodes at height %d", nodeCount, miner.blockCount());
    }

    private void connectMesh(final Topology topology) throws Exception
    {
        for (final Topology.Edge edge : topology.edges)
        {
            final DelayingRelay relay = new DelayingRelay(nodes.get(edge.b()).p2pPort(), edge.delayMs(), capMbps);
            relays.add(relay);
            nodes.get(edge.a()).rpc("addnode", "127.0.0.1:" + relay.port(), "onetry");
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < nodeCount; i++)
        {
            while (nodes.get(i).peerInfo().size() < topology.degree(i))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("node " + i + " has " + nodes.get(i).peerInfo().size() + " peers");
                }
                Thread.sleep(50);
            }
        }
        log("mesh connected");
    }

    private static Broadcaster launch(final BroadcasterContext ctx) throws InterruptedException
    {
        final Broadcaster broadcaster = Broadcaster.launch(ctx);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (broadcaster.readyPeerCount() < ctx.peers().size() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        log("broadcaster ready: %d/%d peers (uplink %d Mbit/s)", broadcaster.readyPeerCount(), ctx.peers().size(), ctx.uplinkMbps());
        return broadcaster;
    }

    private void awaitAll(final String hash) throws InterruptedException
    {
        for (final RegtestNode node : nodes)
        {
            if (!node.awaitTip(hash, 60_000))
            {
                throw new IllegalStateException("a node did not get " + hash);
            }
        }
    }

    /** The node's own UpdateTip time for the block, from the end of its debug.log. */
    private static Instant updateTipTime(final RegtestNode node, final String hash) throws IOException, InterruptedException
    {
        final String needle = "UpdateTip: new best=" + hash;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try (RandomAccessFile file = new RandomAccessFile(node.debugLog().toFile(), "r"))
            {
                final long length = file.length();
                final int tail = (int)Math.min(length, 4 * 1024 * 1024);
                final byte[] bytes = new byte[tail];
                file.seek(length - tail);
                file.readFully(bytes);
                final String text = new String(bytes, StandardCharsets.ISO_8859_1);
                final int at = text.lastIndexOf(needle);
                if (at >= 0)
                {
                    final int lineStart = text.lastIndexOf('\n', at) + 1;
                    return Instant.parse(text.substring(lineStart, text.indexOf(' ', lineStart)));
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no UpdateTip for " + hash + " in " + node.debugLog());
    }

    private void writeReport(final Topology topology, final List<Integer> poolDelays) throws IOException
    {
        final StringBuilder md = new StringBuilder();
        md.append("# Propagation on real Dash Core v22.1.1 regtest nodes (bench/realnet)\n\n");
        md.append(String.format(Locale.ROOT, "%d nodes, ring + 2 chords (degree 2-3, diameter %d), one-way link delays "
            + "10-50 ms through a userspace delaying TCP relay%s; miner outside the mesh; the pool next to node 0 "
            + "(no delay) and %s ms from nodes 1..%d. %d rounds per kind, arms alternating (order rotated each round). "
            + "Times from each node's debug.log `UpdateTip` (-logtimemicros) minus the submit time, ms: "
            + "median [min-max] over rounds. Uplink given to `dashcast-uplink`: %d Mbit/s.\n\n",
            nodeCount, topology.diameter(), capMbps > 0 ? ", capped at " + capMbps + " Mbit/s per link and on the pool's shared uplink" : ", no rate cap",
            poolDelays, nodeCount - 1, rounds, uplinkMbps));
        md.append("Links: ").append(topology).append("\n\n");
        md.append("| block | arm | size (bytes) | to 50 % | to 90 % | to 100 % |\n|---|---|---:|---:|---:|---:|\n");
        for (final Map.Entry<String, List<double[]>> entry : results.entrySet())
        {
            final String[] key = entry.getKey().split("\\|");
            final List<double[]> runs = entry.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %s |\n", key[0], key[1], runs.get(0)[3],
                cell(runs, 0), cell(runs, 1), cell(runs, 2)));
        }
        md.append("\nRaw rounds (t50/t90/t100 ms):\n\n```\n");
        for (final Map.Entry<String, List<double[]>> entry : results.entrySet())
        {
            md.append(entry.getKey()).append(':');
            for (final double[] r : entry.getValue())
            {
                md.append(String.format(Locale.ROOT, " %.1f/%.1f/%.1f", r[0], r[1], r[2]));
            }
            md.append('\n');
        }
        md.append("```\n");
        final Path out = options.out;
        if (out.getParent() != null)
        {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString());
        System.out.println(md);
        log("wrote %s", out);
    }

    private static String cell(final List<double[]> runs, final int column)
    {
        final double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        final double median = values.length % 2 == 1 ? values[values.length / 2]
            : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.1f [%.1f-%.1f]", median, values[0], values[values.length - 1]);
    }

    private void stop()
    {
        for (final DelayingRelay relay : relays)
        {
            try
            {
                relay.close();
            }
            catch (final IOException ignore)
            {
                // closing
            }
        }
        nodes.forEach(RegtestNode::close);
        if (miner != null)
        {
            miner.close();
        }
    }

    private static void log(final String format, final Object... args)
    {
        System.err.printf("[realnet] " + format + "%n", args);
    }

}
