package io.dashcast.realnode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.protocol.Network;
import io.dashcast.sim.regtest.OpTrueCoins;
import io.dashcast.sim.regtest.RegtestNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared steps of the real-node tests: a miner and a target that share a chain but are not
 * connected (so a block mined on one is new to the other), the engine pointed at the target, and
 * what to check on the target afterwards.
 */
final class RealNodes
{
    /** Blocks both nodes share before a test starts: coinbases of the first 100+ are spendable. */
    static final int BASE_CHAIN = 150;

    private RealNodes()
    {
    }

    /** Start a miner with {@link #BASE_CHAIN} blocks to anyone-can-spend coins. */
    static RegtestNode startMiner() throws Exception
    {
        final RegtestNode miner = RegtestNode.start();
        miner.generateTo(BASE_CHAIN, OpTrueCoins.ADDRESS);
        return miner;
    }

    /** Start a node holding the miner's chain (copied over RPC; the two stay unconnected). */
    static RegtestNode startTarget(final RegtestNode miner, final String... extraArgs) throws Exception
    {
        final RegtestNode target = RegtestNode.start(extraArgs);
        syncTo(miner, target);
        return target;
    }

    /** Copy what {@code target} lacks of {@code miner}'s chain over RPC. */
    static void syncTo(final RegtestNode miner, final RegtestNode target)
    {
        // From a little below the target's tip: it may sit on a branch the miner left.
        miner.copyBlocksTo(target, Math.max(1, Math.min(target.blockCount(), miner.blockCount()) - 10));
        assertEquals(miner.bestBlockHash(), target.bestBlockHash());
    }

    /** A broadcaster on regtest sending to the given nodes, CRITICAL, named by P2P port. */
    static BroadcasterContext context(final RegtestNode... nodes)
    {
        final BroadcasterContext ctx = new BroadcasterContext().network(Network.REGTEST);
        for (final RegtestNode node : nodes)
        {
            ctx.addPeer(new PeerEndpoint("node-" + node.p2pPort(), "127.0.0.1", node.p2pPort(), PeerPriority.CRITICAL));
        }
        return ctx;
    }

    static Broadcaster launchReady(final BroadcasterContext ctx) throws InterruptedException
    {
        final Broadcaster broadcaster = Broadcaster.launch(ctx);
        final int expected = ctx.peers().size();
        if (!until(() -> broadcaster.readyPeerCount() == expected, Duration.ofSeconds(15)))
        {
            broadcaster.close();
            throw new AssertionError("peers not READY within 15 s: " + broadcaster.readyPeerCount() + "/" + expected);
        }
        if (ctx.compactBlocks())
        {
            // Dash Core sends its sendcmpct right after the handshake; on a loaded machine it can come
            // after READY, and a block decided before it goes out full (NO_COMPACT_SUPPORT).
            until(() -> broadcaster.stats().peers().stream().allMatch(p -> p.compactVersion() == 1), Duration.ofSeconds(5));
        }
        return broadcaster;
    }

    /** Submit a block and wait for its receipt. */
    static BroadcastReceipt push(final Broadcaster broadcaster, final byte[] block) throws Exception
    {
        return broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
    }

    /** The block's bytes as the miner has it. */
    static byte[] block(final RegtestNode node, final String hash)
    {
        return HexFormat.of().parseHex(node.blockHex(hash));
    }

    /** getpeerinfo entries of dashcast's connections (user agent /dashcast...). */
    static List<JsonNode> ourPeers(final RegtestNode node)
    {
        final List<JsonNode> ours = new ArrayList<>();
        node.peerInfo().forEach(p ->
        {
            if (p.path("subver").asText().contains("dashcast"))
            {
                ours.add(p);
            }
        });
        return ours;
    }

    /** The node still has exactly one dashcast connection, nothing is banned, and it logged no misbehaviour of ours. */
    static void assertNoPenalty(final RegtestNode node, final NodeLog log)
    {
        assertEquals(1, ourPeers(node).size(), () -> "our connection is gone: " + node.peerInfo());
        assertEquals(0, node.banned().size(), () -> "listbanned: " + node.banned());
        assertEquals(List.of(), misbehaving(log), "Misbehaving lines in debug.log");
    }

    /** debug.log lines since the mark that score a peer (printed even when the peer stays connected). */
    static List<String> misbehaving(final NodeLog log)
    {
        return log.grep("Misbehaving").stream().map(NodeLog.Line::text).toList();
    }

    /** The one peer's part of a receipt. */
    static BroadcastReceipt.PeerResult only(final BroadcastReceipt receipt)
    {
        assertEquals(1, receipt.peers().size());
        return receipt.peers().get(0);
    }

    static boolean until(final BooleanSupplier condition, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            if (condition.getAsBoolean())
            {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    static void assertTip(final RegtestNode node, final String hash)
    {
        assertTrue(node.awaitTip(hash, 5_000), () -> "tip is " + node.bestBlockHash() + ", expected " + hash);
    }
}
