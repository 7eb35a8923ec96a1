package io.dashcast.realnode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.status.EngineStatus;
import io.dashcast.engine.status.SystemCounterDescriptor;
import io.dashcast.protocol.Network;
import io.dashcast.sim.regtest.OpTrueCoins;
import io.dashcast.sim.regtest.RegtestNode;
import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.PeerEntry;
import io.dashcast.tools.config.Priority;
import io.dashcast.tools.config.Settings;
import io.dashcast.tools.daemon.Daemon;
import io.dashcast.tools.daemon.DaemonContext;
import io.dashcast.tools.daemon.SubmissionReport;
import io.dashcast.tools.metrics.ChainTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orphan-rate KPI against a real node: the daemon follows its blocks in its local dashd's chain
 * ({@link ChainTracker}). A block we broadcast to the node lands and is counted landed; a longer
 * competing chain (mined on a second, unconnected node from the same parent, then given to ours)
 * reorgs it out and it is counted orphaned.
 * <p>
 * ChainLocks: plain regtest has no LLMQ quorums (they need masternodes and DKG sessions), so no
 * block is ever ChainLocked here. What is checked is the field the tracker reads: the real node's
 * {@code getblock <hash> 1} carries {@code "chainlock": false}, and the tracker counts nothing locked.
 */
@Timeout(180)
class ChainTrackingRealNodeTest
{
    private static RegtestNode miner;
    private static RegtestNode node;
    private static RegtestNode rival;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNodes() throws Exception
    {
        miner = RealNodes.startMiner();
        node = RealNodes.startTarget(miner);
        rival = RealNodes.startTarget(miner);
    }

    @AfterAll
    static void stopNodes()
    {
        for (final RegtestNode n : new RegtestNode[] {rival, node, miner})
        {
            if (n != null)
            {
                n.close();
            }
        }
    }

    @Test
    void shouldCountOurBlockLandedThenOrphanedByALongerCompetingChainAndReadTheChainLockField() throws Exception
    {
        try (Daemon daemon = startDaemon())
        {
            final EngineStatus status = daemon.status();
            final ChainTracker tracker = daemon.monitoring().chain();
            final String ours = miner.generate(1).get(0);
            final long height = miner.blockCount();
            final SubmissionReport report = daemon.submitter().submit(RealNodes.block(miner, ours), "api")
                .get(30, TimeUnit.SECONDS);
            assertEquals(PeerOutcome.ACKED, RealNodes.only(report.receipt()).outcome(), report::toString);
            RealNodes.assertTip(node, ours);

            assertTrue(RealNodes.until(() -> status.get(SystemCounterDescriptor.CHAIN_LANDED) == 1, Duration.ofSeconds(20)),
                () -> "landed " + status.get(SystemCounterDescriptor.CHAIN_LANDED) + ", fate " + tracker.fate(ours));
            assertEquals("landed", tracker.fate(ours));
            assertEquals(0, status.get(SystemCounterDescriptor.CHAIN_ORPHANED));

            // The ChainLock field as the real node answers it (no quorum on regtest: false, never locked).
            final JsonNode block = node.rpc("getblock", ours, 1);
            assertTrue(block.has("chainlock"), () -> "getblock has no chainlock field: " + block);
            assertTrue(block.get("chainlock").isBoolean(), block::toString);
            assertFalse(block.get("chainlock").asBoolean(), block::toString);
            assertFalse(ChainTracker.chainLocked(block));
            // The same answer as a ChainLocked block would carry it: the tracker reads that field.
            assertTrue(ChainTracker.chainLocked(((ObjectNode)block.deepCopy()).put("chainlock", true)));
            Thread.sleep(600); // a few more polls: still landed, nothing counted locked
            assertEquals("landed", tracker.fate(ours));
            assertEquals(0, status.get(SystemCounterDescriptor.CHAIN_LOCKED));

            // A competing chain from the same parent, one block longer, mined where ours never went.
            final List<String> competing = rival.generateTo(2, OpTrueCoins.ADDRESS);
            assertFalse(competing.contains(ours));
            rival.copyBlocksTo(node, height);
            RealNodes.assertTip(node, competing.get(1));
            assertEquals(-1, node.rpc("getblockheader", ours).path("confirmations").asLong(), "ours is off the best chain");

            assertTrue(RealNodes.until(() -> status.get(SystemCounterDescriptor.CHAIN_ORPHANED) == 1, Duration.ofSeconds(20)),
                () -> "orphaned " + status.get(SystemCounterDescriptor.CHAIN_ORPHANED) + ", fate " + tracker.fate(ours));
            assertEquals("orphaned", tracker.fate(ours));
            assertEquals(1, status.get(SystemCounterDescriptor.CHAIN_LANDED), "landed once, before the reorg");
            assertEquals(0, status.get(SystemCounterDescriptor.CHAIN_LOCKED));
            final var peer = RealNodes.only(report.receipt());
            System.out.printf("[realnode] chain tracking: %s landed at height %d, orphaned by %s; chainlock field %s;"
                + " ack %d us, own announcement %s%n", ours, height, competing, block.get("chainlock"),
                peer.ackNs() / 1000, peer.announcedNs() < 0 ? "none while the broadcast was open"
                    : peer.announcedNs() / 1000 + " us");
        }
    }

    private Daemon startDaemon() throws Exception
    {
        final Daemon daemon = Daemon.start(new DaemonContext()
            .network(Network.REGTEST)
            .peers(new BroadcastPeersConfig("1.0", "chain-tracking",
                List.of(new PeerEntry("127.0.0.1", node.p2pPort(), Priority.CRITICAL, "node", true)),
                new Settings(20, 1, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60))))
            .dashd(new DashdRpcClient.Context().port(node.rpcPort()).user(RegtestNode.RPC_USER)
                .password(RegtestNode.RPC_PASSWORD).connectTimeoutMs(1000).requestTimeoutMs(10_000))
            .rpcServer(false)
            .sharedMemory(false)
            .loops(1)
            .countersFile(dir.resolve("counters.dat"))
            .chainPollMs(100)
            .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .err(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        if (!RealNodes.until(() -> daemon.broadcaster().readyPeerCount() == 1, Duration.ofSeconds(20)))
        {
            daemon.close();
            throw new AssertionError("the node's peer not READY within 20 s");
        }
        return daemon;
    }
}
