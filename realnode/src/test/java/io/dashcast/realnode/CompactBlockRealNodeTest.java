package io.dashcast.realnode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.FrameKind;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.SendReason;
import io.dashcast.sim.regtest.OpTrueCoins;
import io.dashcast.sim.regtest.RegtestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BIP152 compact blocks with a real node: rebuilt from its mempool alone, completed with
 * {@code blocktxn} from the slot, asked for with {@code getdata} after a header, and the full
 * block where the node did not ask for compact blocks. In every case the node's tip and its
 * {@code getblock} bytes must be the block. The coinbase is always prefilled (the node logs
 * "1 txn prefilled"). A short-id collision cannot be forced on a real node in bounded time (the
 * ids are 48-bit SipHash keyed by the header and our nonce): the simulator covers it
 * ({@code CompactBroadcastTest.shouldFallBackToTheFullBlockOnAShortIdCollision}).
 */
@Timeout(120)
class CompactBlockRealNodeTest
{
    private static final long FEE_SAT = 10_000;
    private static RegtestNode miner;
    private static RegtestNode node;
    private static int nextCoinbaseHeight = 1;
    private NodeLog log;

    @BeforeAll
    static void startNodes() throws Exception
    {
        miner = RealNodes.startMiner();
        node = RealNodes.startTarget(miner, "-debug=cmpctblock");
    }

    @AfterAll
    static void stopNodes()
    {
        if (node != null)
        {
            node.close();
        }
        if (miner != null)
        {
            miner.close();
        }
    }

    @BeforeEach
    void sync()
    {
        RealNodes.syncTo(miner, node);
        log = new NodeLog(node.debugLog());
    }

    @Test
    void shouldBeRebuiltFromTheNodesMempoolAlone() throws Exception
    {
        final List<String> txs = spendCoinbases(10);
        txs.forEach(tx -> send(node, tx));
        final String hash = mineWith(txs);
        try (Broadcaster broadcaster = RealNodes.launchReady(ownNode()))
        {
            final BroadcastReceipt.PeerResult result = RealNodes.only(RealNodes.push(broadcaster, RealNodes.block(miner, hash)));
            assertEquals(FrameKind.COMPACT_BLOCK, result.frame());
            assertEquals(SendReason.OWN_NODE, result.reason());
            assertEquals(PeerOutcome.ACKED, result.outcome());
            assertMatches(hash);
            assertRebuilt(hash, 10, 0);
            RealNodes.assertNoPenalty(node, log);
        }
    }

    /**
     * 151 transactions: three subtrees of the gate's shared merkle pass (64, 64 and 23, the last one
     * paired with itself up the tree), and short ids taken from the txids that pass hashed.
     */
    @Test
    void shouldRebuildABlockOfManyTransactionsFromShortIdsOfTheGatesMerklePass() throws Exception
    {
        final int count = 150;
        final List<String> txs = spendManyCoinbases(count, 1);
        txs.forEach(tx -> send(node, tx));
        final String hash = mineWith(txs);
        try (Broadcaster broadcaster = RealNodes.launchReady(ownNode()))
        {
            pushAcked(broadcaster, hash, FrameKind.COMPACT_BLOCK);
            assertRebuilt(hash, count, 0);
            RealNodes.assertNoPenalty(node, log);
        }
    }

    /**
     * A 151-transaction block (about 30 KB: over the hash helper's 16 KiB) sent whole: its frame
     * checksum was hashed by the helper beside the merkle pass and the block copied in behind it.
     * Dash Core drops a message whose checksum is wrong, so the node's tip proves it.
     */
    @Test
    void shouldTakeABigFullBlockFramedBehindTheChecksumTheHelperHashed() throws Exception
    {
        // 20 outputs each: about 30 KB of block.
        final String hash = mineWith(spendManyCoinbases(150, 20));
        final byte[] block = RealNodes.block(miner, hash);
        assertTrue(block.length >= 16 * 1024, block.length + " bytes");
        try (Broadcaster broadcaster = RealNodes.launchReady(ownNode().compactBlocks(false)))
        {
            pushAcked(broadcaster, hash, FrameKind.FULL_BLOCK);
            RealNodes.assertNoPenalty(node, log);
        }
    }

    @Test
    void shouldBeCompletedWithBlockTxnFromTheSlotWhenTheNodeLacksTransactions() throws Exception
    {
        final List<String> txs = spendCoinbases(10);
        txs.subList(0, 4).forEach(tx -> send(node, tx));
        final String hash = mineWith(txs);
        try (Broadcaster broadcaster = RealNodes.launchReady(ownNode()))
        {
            pushAcked(broadcaster, hash, FrameKind.COMPACT_BLOCK);
            assertRebuilt(hash, 4, 6);
            assertEquals(1L, broadcaster.stats().peers().get(0).messagesReceived().getOrDefault("getblocktxn", 0L));
            RealNodes.assertNoPenalty(node, log);
        }
    }

    @Test
    void shouldServeTheCompactBlockTheNodeAsksForAfterAHeaderAnnouncement() throws Exception
    {
        final List<String> txs = spendCoinbases(6);
        txs.subList(0, 3).forEach(tx -> send(node, tx));
        final String hash = mineWith(txs);
        // Not pushing blind: a fresh peer gets the header, and asks if it has the parent.
        final BroadcasterContext ctx = RealNodes.context(node).pushWhenParentUnknown(false);
        try (Broadcaster broadcaster = RealNodes.launchReady(ctx))
        {
            final BroadcastReceipt.PeerResult result = RealNodes.only(RealNodes.push(broadcaster, RealNodes.block(miner, hash)));
            System.out.println("[realnode] header then getdata: " + result + " " + broadcaster.stats().peers().get(0).messagesReceived());
            assertEquals(SendReason.REQUESTED, result.reason(), result::toString);
            assertEquals(FrameKind.COMPACT_BLOCK, result.frame());
            assertEquals(PeerOutcome.ACKED, result.outcome());
            assertMatches(hash);
            RealNodes.assertNoPenalty(node, log);
        }
    }

    /**
     * The default send policy (no uplink budget) on a node that is not our own: a compact block
     * while the node is likely to rebuild it from its mempool; once it had to ask {@code getblocktxn}
     * for most of the compact blocks we sent it, full blocks. Learned per connection from the node's
     * own requests.
     */
    @Test
    void shouldSendCompactByDefaultUntilTheNodeNeedsGetBlockTxnThenFull() throws Exception
    {
        final List<String> seen = spendCoinbases(6);
        seen.forEach(tx -> send(node, tx));
        final String first = mineWith(seen);
        try (Broadcaster broadcaster = RealNodes.launchReady(RealNodes.context(node)))
        {
            final BroadcastReceipt.PeerResult rebuilt = RealNodes.only(RealNodes.push(broadcaster, RealNodes.block(miner, first)));
            System.out.println("[realnode] default policy, every transaction in the node's mempool: " + rebuilt);
            assertEquals(FrameKind.COMPACT_BLOCK, rebuilt.frame());
            assertEquals(SendReason.LIKELY_RECONSTRUCTS, rebuilt.reason());
            assertEquals(PeerOutcome.ACKED, rebuilt.outcome());
            assertMatches(first);
            assertTrue(log.first("Successfully reconstructed block " + first).text().contains("0 txn requested"));

            final BroadcastReceipt.PeerResult asked = pushUnseenBlock(broadcaster);
            assertEquals(FrameKind.COMPACT_BLOCK, asked.frame());
            final BroadcastReceipt.PeerResult askedAgain = pushUnseenBlock(broadcaster);
            assertEquals(FrameKind.COMPACT_BLOCK, askedAgain.frame(), "one getblocktxn in two compact blocks is not most");
            // The node's second request may still be on its way when our ping's pong is in: wait a
            // little. Each compact block cost it a round trip: a getblocktxn, or (once in ~50 runs, a
            // cmpctblock logged as received and nothing more) a getdata for the whole block.
            final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (notRebuilt(broadcaster) < 2 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertEquals(2L, notRebuilt(broadcaster), () -> "" + broadcaster.stats().peers().get(0).messagesReceived()
                + " " + log.grep("cmpctblock"));

            final BroadcastReceipt.PeerResult full = pushUnseenBlock(broadcaster);
            System.out.println("[realnode] default policy after two getblocktxn in three compact blocks: " + full);
            assertEquals(FrameKind.FULL_BLOCK, full.frame(), () -> full + " " +
                broadcaster.stats().peers().get(0).messagesReceived() + " " + log.grep("cmpctblock"));
            assertEquals(SendReason.RECONSTRUCTION_UNLIKELY, full.reason());
            RealNodes.assertNoPenalty(node, log);
        }
    }

    @Test
    void shouldServeTheFullBlockToANodeNotAskedForCompactBlocks() throws Exception
    {
        final List<String> txs = spendCoinbases(6);
        txs.forEach(tx -> send(node, tx));
        final String hash = mineWith(txs);
        final BroadcasterContext ctx = RealNodes.context(node).pushWhenParentUnknown(false).compactBlocks(false);
        try (Broadcaster broadcaster = RealNodes.launchReady(ctx))
        {
            final BroadcastReceipt.PeerResult result = RealNodes.only(RealNodes.push(broadcaster, RealNodes.block(miner, hash)));
            System.out.println("[realnode] header then getdata, no compact: " + result);
            assertEquals(SendReason.REQUESTED, result.reason(), result::toString);
            assertEquals(FrameKind.FULL_BLOCK, result.frame());
            assertEquals(PeerOutcome.ACKED, result.outcome());
            assertMatches(hash);
            RealNodes.assertNoPenalty(node, log);
        }
    }

    /**
     * @return the node's requests after our compact blocks: {@code getblocktxn}, and {@code getdata}
     * (this test only pushes, so a getdata asks for a whole block it could not rebuild).
     */
    private static long notRebuilt(final Broadcaster broadcaster)
    {
        final java.util.Map<String, Long> received = broadcaster.stats().peers().get(0).messagesReceived();
        return received.getOrDefault("getblocktxn", 0L) + received.getOrDefault("getdata", 0L);
    }

    /**
     * Mine a block of 6 transactions the node has not seen, push it, and check the node took it.
     */
    private static BroadcastReceipt.PeerResult pushUnseenBlock(final Broadcaster broadcaster) throws Exception
    {
        final String hash = mineWith(spendCoinbases(6));
        final BroadcastReceipt.PeerResult result = RealNodes.only(RealNodes.push(broadcaster, RealNodes.block(miner, hash)));
        assertEquals(PeerOutcome.ACKED, result.outcome(), result::toString);
        assertMatches(hash);
        return result;
    }

    private static BroadcasterContext ownNode()
    {
        final BroadcasterContext ctx = RealNodes.context(node);
        final PeerEndpoint peer = ctx.peers().get(0).asOwnNode();
        return new BroadcasterContext().network(ctx.network()).addPeer(peer);
    }

    /** Push the miner's block to the node: sent as {@code frame}, acknowledged, now the node's tip. */
    private static void pushAcked(final Broadcaster broadcaster, final String hash, final FrameKind frame) throws Exception
    {
        final BroadcastReceipt.PeerResult result = RealNodes.only(RealNodes.push(broadcaster, RealNodes.block(miner, hash)));
        assertEquals(frame, result.frame());
        assertEquals(PeerOutcome.ACKED, result.outcome(), result::toString);
        assertMatches(hash);
    }

    /** The node's log: the block rebuilt from the coinbase, {@code fromMempool} and {@code requested} transactions. */
    private void assertRebuilt(final String hash, final int fromMempool, final int requested)
    {
        final NodeLog.Line rebuilt = log.first("Successfully reconstructed block " + hash);
        assertNotNull(rebuilt, () -> "" + log.grep("cmpctblock"));
        assertTrue(rebuilt.text().contains("1 txn prefilled, " + fromMempool + " txn from mempool"), rebuilt.text());
        assertTrue(rebuilt.text().contains(requested + " txn requested"), rebuilt.text());
    }

    /** The node's tip is the block, and its stored bytes are the miner's. */
    private static void assertMatches(final String hash)
    {
        RealNodes.assertTip(node, hash);
        assertEquals(miner.blockHex(hash), node.blockHex(hash));
    }

    /**
     * Spend {@code count} coinbases after mining enough blocks for them to be mature, with 60 more
     * for the other tests (they spend 56 in all), whatever ran before.
     */
    private static List<String> spendManyCoinbases(final int count, final int outputs)
    {
        miner.generateTo((int)Math.max(1, nextCoinbaseHeight + count + 100 + 60 - miner.blockCount()), OpTrueCoins.ADDRESS);
        RealNodes.syncTo(miner, node);
        return spendCoinbases(count, outputs);
    }

    /** Spend the next {@code count} mature coinbases of the shared chain, one transaction each. */
    private static List<String> spendCoinbases(final int count)
    {
        return spendCoinbases(count, 1);
    }

    /** The same, each transaction paying to {@code outputs} equal outputs. */
    private static List<String> spendCoinbases(final int count, final int outputs)
    {
        final List<String> txs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final int height = nextCoinbaseHeight++;
            final JsonNode coinbase = miner.rpc("getblock", miner.rpc("getblockhash", height).asText(), 2).path("tx").get(0);
            final long value = coinbase.path("vout").get(0).path("valueSat").asLong();
            txs.add(HexFormat.of().formatHex(OpTrueCoins.spend(coinbase.path("txid").asText(), 0, value, outputs, FEE_SAT)));
        }
        return txs;
    }

    private static void send(final RegtestNode to, final String txHex)
    {
        to.rpc("sendrawtransaction", txHex);
    }

    /** Put the transactions in the miner's mempool and mine them into one new block. */
    private static String mineWith(final List<String> txs)
    {
        txs.forEach(tx -> send(miner, tx));
        final String hash = miner.generateTo(1, OpTrueCoins.ADDRESS).get(0);
        assertEquals(txs.size() + 1, miner.rpc("getblock", hash, 1).path("tx").size(), "every transaction mined");
        return hash;
    }
}
