package io.dashcast.faults;

import io.dashcast.protocol.Network;
import io.dashcast.sim.TestBlocks;
import io.dashcast.sim.dashd.FakeDashd;
import io.dashcast.tools.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.dashcast.faults.FaultRig.Ingress.API;
import static io.dashcast.faults.FaultRig.Ingress.RPC;
import static io.dashcast.faults.FaultRig.Ingress.SHM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault matrix (issue 10): each row starts the daemon on simulated Dash nodes and a fake dashd,
 * injects one fault, submits blocks through every ingress (API, shared memory, JSON-RPC
 * {@code submitblock}) and checks that every block is delivered to every live peer or reported
 * failed with its reason (lost must be 0), and that the daemon keeps serving. The table is printed
 * and written to {@code docs/fault-matrix.md}.
 * <p>
 * Times are shortened so the whole matrix stays within minutes: broadcast_timeout 2 s,
 * reconnect_delay 1 s, the slow dashd answers after 30 s but the daemon's RPC timeout is 3 s, the
 * partition lasts 20 s (not 2 minutes).
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
@Timeout(120)
class FaultMatrixTest
{
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final List<Integer> ALL4 = List.of(0, 1, 2, 3);
    private static final List<Integer> FIRST3 = List.of(0, 1, 2);
    /** Ring slots for the shuffled bursts: the 100 blocks, held back until their parents arrive. */
    private static final int BURST_RING_SIZE = 128;
    /** broadcast_timeout of the shuffled bursts: the window in which a held-back block follows its parent. */
    private static final Duration BURST_BROADCAST_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, String[]> ROWS = Collections.synchronizedMap(new LinkedHashMap<>());

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ peer faults

    @Test
    void row01PeerKilledMidBlock() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().resetMidBlockAfterBytes(2_000)) : c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(3, 64 * 1024);
            rig.submitEach(blocks, API, SHM, RPC);
            finish(rig, "peer killed mid-block (RST after 2 kB of each 64 KiB block)", blocks, FIRST3);
        }
    }

    @Test
    void row02PeerStalled() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().stallAfterHandshake(true)) : c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(3, 64 * 1024);
            rig.submitEach(blocks, API, SHM, RPC);
            finish(rig, "peer stalled (never reads after the handshake)", blocks, FIRST3);
        }
    }

    @Test
    void row03PeerSlow() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().slowReaderBytesPerSecond(1024)) : c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(3, 64 * 1024);
            rig.submitEach(blocks, API, SHM, RPC);
            finish(rig, "peer slow (reads 1 kB/s; 64 KiB blocks)", blocks, FIRST3);
        }
    }

    @Test
    void row04PeerSendsGarbage() throws Exception
    {
        badPeer("peer sends garbage (64 random bytes for a version)", (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().garbageBytes(64)) : c);
    }

    @Test
    void row05PeerSendsOversizeLength() throws Exception
    {
        badPeer("peer sends an oversize length (3 MiB + 1)", (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().oversizedLength(true)) : c);
    }

    @Test
    void row06PeerSendsWrongMagic() throws Exception
    {
        badPeer("peer sends wrong magic", (i, c) -> i == 3 ? c.misbehaviour(c.misbehaviour().wrongMagic(true)) : c);
    }

    @Test
    void row07PeerSendsBadChecksum() throws Exception
    {
        try (RawPeer raw = RawPeer.badChecksum();
            FaultRig rig = new FaultRig(dir).nodes(3, (i, c) -> c).extraPeer("raw-bad-checksum", raw.port()).start())
        {
            assertTrue(rig.awaitReady(3, READY));
            final List<byte[]> blocks = chain(3, 1024);
            rig.submitEach(blocks, API, SHM, RPC);
            finish(rig, "peer sends a bad checksum (version frame)", blocks, FIRST3);
            assertEquals(3, rig.daemon.broadcaster().readyPeerCount(), "the bad peer never becomes ready");
        }
    }

    @Test
    void row08PeerResetsDuringHandshake() throws Exception
    {
        badPeer("peer resets during the handshake", (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().closeDuringHandshake(true)) : c);
    }

    private void badPeer(final String row, final FaultRig.NodeCustomiser customiser) throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, customiser).start())
        {
            assertTrue(rig.awaitReady(3, READY));
            final List<byte[]> blocks = chain(3, 1024);
            rig.submitEach(blocks, API, SHM, RPC);
            finish(rig, row, blocks, FIRST3);
        }
    }

    // ------------------------------------------------------------------ peers and dashd down and back

    @Test
    void row09AllPeersDownThenBack() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) -> c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(6, 1024);
            for (int i = 0; i < 4; i++)
            {
                rig.kill(i);
            }
            rig.submitEach(blocks.subList(0, 3), API, SHM, RPC);
            FaultRig.Tally down = rig.account(blocks.subList(0, 3), List.of(), SETTLE);
            Thread.sleep(8_000);
            for (int i = 0; i < 4; i++)
            {
                rig.restart(i, blocks.subList(0, 3), c -> c);
            }
            assertTrue(rig.awaitReady(4, Duration.ofSeconds(3)), "back within reconnect_delay (1 s) + slack");
            rig.submitEach(blocks.subList(3, 6), API, SHM, RPC);
            final FaultRig.Tally up = rig.account(blocks.subList(3, 6), ALL4, SETTLE);
            record(rig, "all peers down (8 s) then back", down.plus(up), "down: RPC only; back: all 4 ready");
            assertEquals(3, up.delivered);
        }
    }

    @Test
    void row10LocalDashdDownThenBack() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) -> c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(6, 1024);
            rig.dashd.mode(FakeDashd.Mode.DOWN);
            rig.submitEach(blocks.subList(0, 3), API, SHM, RPC);
            final FaultRig.Tally down = rig.account(blocks.subList(0, 3), ALL4, SETTLE);
            rig.dashd.mode(FakeDashd.Mode.NORMAL);
            rig.submitEach(blocks.subList(3, 6), API, SHM, RPC);
            final FaultRig.Tally up = rig.account(blocks.subList(3, 6), ALL4, SETTLE);
            assertTrue(rig.logText().contains("unreachable"), "the RPC outage is reported");
            record(rig, "local dashd down then back", down.plus(up), "RPC unreachable reported while down");
            assertEquals(6, down.delivered + up.delivered, "P2P delivers throughout");
        }
    }

    @Test
    void row11DashdAnswersSlowly() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir))
        {
            rig.rpcTimeoutMs = 3_000;
            rig.nodes(4, (i, c) -> c).start();
            assertTrue(rig.awaitReady(4, READY));
            rig.dashd.delayMs(30_000);
            final List<byte[]> blocks = chain(3, 1024);
            rig.submitEach(blocks, API, SHM, RPC);
            final FaultRig.Tally tally = rig.account(blocks, ALL4, SETTLE);
            assertTrue(rig.logText().contains("timeout"), "the RPC timeout is reported");
            rig.dashd.delayMs(0);
            record(rig, "dashd answers after 30 s (RPC timeout 3 s)", tally, "RPC timeout reported, P2P delivered");
            assertEquals(3, tally.delivered);
        }
    }

    // ------------------------------------------------------------------ back-pressure

    @Test
    void row12RingFull() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().stallAfterHandshake(true)) : c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(100, 1024);
            rig.submitAll(blocks, API);
            final FaultRig.Tally tally = rig.account(blocks, FIRST3, Duration.ofSeconds(60));
            final long refused = rig.reports.values().stream().filter(r -> r.p2pRefusal() != null).count();
            record(rig, "ring full (100 blocks at once via API, one stalled peer)", tally,
                refused + " refused with a reason");
        }
    }

    @Test
    void row13ShmQueueFull() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir))
        {
            rig.shmCapacityBytes = 128 * 1024;
            rig.nodes(4, (i, c) -> c).start();
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(20, 12 * 1024);
            // The consumer is away (daemon stopped): the queue fills and the writer is told FULL.
            rig.closeDaemon();
            rig.submitAll(blocks, SHM);
            assertTrue(rig.producerRefusals.size() > 0, "the writer was told FULL");
            rig.start();
            assertTrue(rig.awaitReady(4, READY));
            final FaultRig.Tally tally = rig.account(blocks, ALL4, Duration.ofSeconds(60));
            record(rig, "shm queue full (20 x 12 KiB into a 128 KiB queue, daemon away)", tally,
                rig.producerRefusals.size() + " refused to the writer (FULL); the queued ones go out on restart");
            assertEquals(blocks.size() - rig.producerRefusals.size(), tally.delivered, "every queued block goes out");
        }
    }

    @Test
    void row13bShmBurstWithStalledPeer() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) ->
            i == 3 ? c.misbehaviour(c.misbehaviour().stallAfterHandshake(true)) : c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(100, 1024);
            rig.submitAll(blocks, SHM);
            final FaultRig.Tally tally = rig.account(blocks, FIRST3, Duration.ofSeconds(60));
            record(rig, "100 blocks at once via shm, one stalled peer", tally, "");
            assertEquals(100 - rig.producerRefusals.size(), tally.delivered, "every block the writer was told OK for");
        }
    }

    // ------------------------------------------------------------------ bursts

    @Test
    void row14Burst100InOrder() throws Exception
    {
        burst("100 chained blocks, in order (a third each via RPC, shm, API)", false, false);
    }

    @Test
    void row15Burst100Shuffled() throws Exception
    {
        burst("100 chained blocks, shuffled, round robin via RPC, shm, API", true, false);
    }

    @Test
    void row16Burst100InOrderWithStalledPeer() throws Exception
    {
        burst("100 chained blocks, in order, one stalled peer", false, true);
    }

    @Test
    void row17Burst100ShuffledWithStalledPeer() throws Exception
    {
        burst("100 chained blocks, shuffled, one stalled peer", true, true);
    }

    private void burst(final String row, final boolean shuffled, final boolean stalled) throws Exception
    {
        // Shuffled, almost every block waits for its parent, and a held-back block keeps its ring slot
        // (and every slot after it) until then: the ring must hold the burst, or the parents that
        // would release it are refused "ring full" while it is full of their descendants.
        // So must it with a stalled peer: a fresh peer that answers nothing gets the headers of an
        // in-order burst, not blind pushes (a blind push's children were orphans to a peer on another
        // tip, 10 points each), and keeps their slots for broadcast_timeout; with 64 slots the last
        // ~11 of 100 blocks were refused "ring full" (dashd still took them by RPC).
        final FaultRig setup = new FaultRig(dir).ringSize(shuffled || stalled ? BURST_RING_SIZE : FaultRig.DEFAULT_RING_SIZE);
        if (shuffled)
        {
            // A held-back block goes out when its parent does only inside its broadcast_timeout. The
            // JSON-RPC third of the burst comes in over ~3 s on this machine (each caller waits for
            // dashd's verdict, which the fallback thread gets one block at a time), longer than the
            // matrix's shortened 2 s: these rows use 10 s (the shipped default is 5 s).
            setup.settings = new Settings(setup.settings.maxPeers(), setup.settings.minPeers(),
                setup.settings.reconnectDelay(), BURST_BROADCAST_TIMEOUT, setup.settings.healthCheckInterval());
        }
        try (FaultRig rig = setup
            .nodes(4, (i, c) -> stalled && i == 3 ? c.misbehaviour(c.misbehaviour().stallAfterHandshake(true)) : c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = TestBlocks.chain(Network.REGTEST, 100);
            final List<byte[]> order = new ArrayList<>(blocks);
            if (shuffled)
            {
                Collections.shuffle(order, new Random(10));
            }
            if (shuffled)
            {
                rig.submitAll(order, RPC, SHM, API);
            }
            else
            {
                rig.submitInOrder(order, RPC, SHM, API);
            }
            final List<Integer> live = stalled ? FIRST3 : ALL4;
            final FaultRig.Tally tally = rig.account(blocks, live, Duration.ofSeconds(90));
            record(rig, row, tally, shuffled ? "ring " + BURST_RING_SIZE + " slots, broadcast_timeout " +
                BURST_BROADCAST_TIMEOUT.toSeconds() + " s" : stalled ? "ring " + BURST_RING_SIZE + " slots" : "");
            assertEquals(100, tally.delivered, () -> "every block on every live peer; " + tally.firstNotDelivered);
        }
    }

    // ------------------------------------------------------------------ partition and restart

    @Test
    void row18PartitionAndRecovery() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) -> c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(6, 1024);
            rig.kill(2);
            rig.kill(3);
            final long partitionEnd = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            final FaultRig.Ingress[] ingresses = {API, SHM, RPC};
            for (int i = 0; i < 3; i++)
            {
                rig.submit(blocks.get(i), ingresses[i]);
                Thread.sleep(5_000);
            }
            final FaultRig.Tally during = rig.account(blocks.subList(0, 3), List.of(0, 1), SETTLE);
            Thread.sleep(Math.max(0, (partitionEnd - System.nanoTime()) / 1_000_000));
            rig.restart(2, blocks.subList(0, 3), c -> c);
            rig.restart(3, blocks.subList(0, 3), c -> c);
            assertTrue(rig.awaitReady(4, Duration.ofSeconds(3)), "back within reconnect_delay (1 s) + slack");
            rig.submitEach(blocks.subList(3, 6), API, SHM, RPC);
            final FaultRig.Tally after = rig.account(blocks.subList(3, 6), ALL4, SETTLE);
            record(rig, "partition: 2 of 4 peers unreachable for 20 s, then back", during.plus(after), "");
            assertEquals(3, after.delivered);
        }
    }

    @Test
    void row19DaemonRestartWithShmBacklog() throws Exception
    {
        try (FaultRig rig = new FaultRig(dir).nodes(4, (i, c) -> c).start())
        {
            assertTrue(rig.awaitReady(4, READY));
            final List<byte[]> blocks = chain(5, 1024);
            rig.submit(blocks.get(0), API);
            rig.account(blocks.subList(0, 1), ALL4, SETTLE);
            rig.closeDaemon();
            for (final byte[] block : blocks.subList(1, 5))
            {
                rig.submit(block, SHM);
            }
            rig.start();
            final FaultRig.Tally tally = rig.account(blocks, ALL4, Duration.ofSeconds(60));
            record(rig, "daemon restart with 4 blocks waiting in the shm queue", tally, "");
            assertEquals(5, tally.delivered, "the backlog goes out after the restart");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void finish(final FaultRig rig, final String row, final List<byte[]> blocks, final List<Integer> live)
        throws InterruptedException
    {
        final FaultRig.Tally tally = rig.account(blocks, live, SETTLE);
        record(rig, row, tally, "");
        assertEquals(blocks.size(), tally.delivered, "every block on every live peer: " + tally);
    }

    private static void record(final FaultRig rig, final String row, final FaultRig.Tally tally, final String note)
    {
        final boolean serving = rig.daemon != null && rig.serving();
        ROWS.put(row, new String[] {
            String.valueOf(tally.submitted), String.valueOf(tally.delivered), String.valueOf(tally.reportedFailed),
            String.valueOf(tally.lost), serving ? "yes" : "NO", note });
        System.out.println("fault matrix: " + row + ": " + tally + (serving ? "" : ", NOT SERVING"));
        assertEquals(0, tally.lost, row + ": lost blocks; " + tally + "\n" + tail(rig.logText()));
        assertTrue(serving, row + ": the daemon stopped serving");
    }

    private static String tail(final String log)
    {
        return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
    }

    /**
     * Blocks on genesis, each padded to {@code size} bytes (0 = as small as the builder makes them).
     */
    static List<byte[]> chain(final int count, final int size)
    {
        final List<byte[]> blocks = new ArrayList<>(count);
        byte[] parent = TestBlocks.genesis(Network.REGTEST);
        for (int height = 0; height < count; height++)
        {
            final TestBlocks.Builder builder = TestBlocks.on(parent, height);
            parent = (size > 0 ? builder.padToSize(size) : builder).build();
            blocks.add(parent);
        }
        return blocks;
    }

    @AfterAll
    static void writeMatrix() throws IOException
    {
        final StringBuilder table = new StringBuilder();
        table.append("# Fault matrix\n\n");
        table.append("Latest run of `FaultMatrixTest` (module `faults/`, part of `mvn verify`), ")
            .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append(".\n");
        table.append("Each row: the daemon in-process on simulated Dash nodes and a fake dashd, one fault, blocks ")
            .append("through the in-process API, the shared-memory queue and JSON-RPC `submitblock`. Delivered: on ")
            .append("every live peer. Reported failed: some peer lacks it and the block's report says why (peer ")
            .append("failure, held back, refusal) or the producer was refused. Lost must be 0.\n\n");
        table.append("Shortened for CI: broadcast_timeout 2 s, reconnect_delay 1 s, dashd RPC timeout 3 s against a ")
            .append("dashd that answers after 30 s, partition 20 s instead of 2 minutes.\n\n");
        table.append("| row | submitted | delivered | reported failed | lost | serving | note |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        synchronized (ROWS)
        {
            for (final Map.Entry<String, String[]> row : ROWS.entrySet())
            {
                final String[] v = row.getValue();
                table.append("| ").append(row.getKey()).append(" | ").append(String.join(" | ", v)).append(" |\n");
            }
        }
        final List<Method> disabled = new ArrayList<>(Arrays.stream(FaultMatrixTest.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Disabled.class)).toList());
        disabled.sort(Comparator.comparing(Method::getName));
        if (!disabled.isEmpty())
        {
            table.append("\nDisabled rows (fail today because of the engine bugs of issue 10 being fixed in parallel; run them with " +
                "`-Djunit.jupiter.conditions.deactivate='org.junit.*DisabledCondition'`):\n\n");
            for (final Method m : disabled)
            {
                table.append("- `").append(m.getName()).append("`: ").append(m.getAnnotation(Disabled.class).value())
                    .append('\n');
            }
        }
        System.out.println(table);
        final String file = System.getProperty("fault.matrix.file");
        final long enabledRows = Arrays.stream(FaultMatrixTest.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class) && !m.isAnnotationPresent(Disabled.class)).count();
        // Only a whole run replaces the recorded table (not -Dtest=...#oneRow).
        if (file != null && ROWS.size() >= enabledRows)
        {
            Files.writeString(Path.of(file), table, StandardCharsets.UTF_8);
        }
    }

}
