package io.dashcast.sim;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.message.BlockTxnFlyweight;
import io.dashcast.protocol.message.CmpctBlockFlyweight;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated node receiving compact blocks as Dash Core does: rebuilt from the mempool alone,
 * completed with getblocktxn/blocktxn, falling back to the full block on a short-id collision,
 * and scoring an invalid compact block or a mismatching blocktxn 100.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimCompactBlockTest
{
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int TXS = 24;

    private final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).dummyTransactions(TXS).build();
    private final BlockView view = new BlockView().wrap(new UnsafeBuffer(block), 0, block.length);
    private final byte[] hash = TestBlocks.hash(block);

    @Test
    void shouldRebuildABlockFromTheMempoolAlone() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            for (int i = 1; i < view.transactionCount(); i++)
            {
                node.addToMempool(tx(i));
            }
            assertEquals(TXS, node.mempoolSize());
            peer.handshake();
            peer.send(Command.CMPCTBLOCK, cmpctblock(7));
            peer.ping(1);
            final List<TestPeer.Frame> frames = peer.readUntil(Command.PONG);
            assertFalse(names(frames).contains("getblocktxn"), names(frames).toString());
            assertTrue(node.awaitTip(hash, WAIT));
            final BlockArrival arrival = node.awaitBlock(hash, WAIT);
            assertEquals(BlockArrival.Via.CMPCTBLOCK, arrival.via());
            assertEquals(BlockVerdict.ACCEPTED_NEW_TIP, arrival.verdict());
            assertArrayEquals(block, arrival.bytes());
            assertEquals(new Sha256d().checksum(new UnsafeBuffer(block), 0, block.length), arrival.checksum());
            assertEquals(0, node.mempoolSize(), "the block's transactions left the mempool");
        }
    }

    @Test
    void shouldAskForWhatTheMempoolLacksWithGetBlockTxn() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            final List<Integer> lacking = List.of(2, 3, 9, 24);
            for (int i = 1; i < view.transactionCount(); i++)
            {
                if (!lacking.contains(i))
                {
                    node.addToMempool(tx(i));
                }
            }
            peer.handshake();
            peer.send(Command.CMPCTBLOCK, cmpctblock(8));
            final TestPeer.Frame request = peer.expect(Command.GETBLOCKTXN);
            final GetBlockTxnFlyweight getBlockTxn = new GetBlockTxnFlyweight().wrap(request.buffer(), 0, request.payload.length);
            assertArrayEquals(hash, Arrays.copyOfRange(request.payload, 0, 32));
            assertEquals(lacking.size(), getBlockTxn.count());
            for (int i = 0; i < lacking.size(); i++)
            {
                assertEquals(lacking.get(i), getBlockTxn.index(i));
            }
            assertFalse(node.chain().hasBlock(hash));
            peer.send(Command.BLOCKTXN, blocktxn(lacking));
            assertTrue(node.awaitTip(hash, WAIT));
            final BlockArrival arrival = node.awaitBlock(hash, WAIT);
            assertEquals(BlockArrival.Via.BLOCKTXN, arrival.via());
            assertArrayEquals(block, arrival.bytes());
            assertEquals(0, node.connections().get(0).misbehaviourScore());
        }
    }

    @Test
    void shouldAskForATransactionTwoMempoolEntriesClaim() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            for (int i = 1; i < view.transactionCount(); i++)
            {
                node.addToMempool(tx(i));
            }
            node.addToMempool(tx(1), txid(5)); // a second entry under tx 5's id: ambiguous, so asked for
            peer.handshake();
            peer.send(Command.CMPCTBLOCK, cmpctblock(9));
            final TestPeer.Frame request = peer.expect(Command.GETBLOCKTXN);
            final GetBlockTxnFlyweight getBlockTxn = new GetBlockTxnFlyweight().wrap(request.buffer(), 0, request.payload.length);
            assertEquals(1, getBlockTxn.count());
            assertEquals(5, getBlockTxn.index(0));
            peer.send(Command.BLOCKTXN, blocktxn(List.of(5)));
            assertTrue(node.awaitTip(hash, WAIT));
        }
    }

    @Test
    void shouldFallBackToTheFullBlockWhenTheRebuiltBlockFailsItsMerkleRoot() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            for (int i = 1; i < view.transactionCount(); i++)
            {
                // An undetectable collision: tx 3's short id answered by another transaction.
                node.addToMempool(tx(i == 3 ? 4 : i), txid(i));
            }
            peer.handshake();
            peer.send(Command.CMPCTBLOCK, cmpctblock(10));
            final TestPeer.Frame getdata = peer.expect(Command.GETDATA);
            final InventoryFlyweight inv = new InventoryFlyweight().wrap(getdata.buffer(), 0, getdata.payload.length);
            assertEquals(1, inv.count());
            assertEquals(InventoryFlyweight.MSG_BLOCK, inv.type(0));
            assertFalse(node.chain().hasBlock(hash));
            peer.send(Command.BLOCK, block);
            assertTrue(node.awaitTip(hash, WAIT));
            final SimConnection c = node.connections().get(0);
            assertEquals(1, c.compactFallbacks());
            assertEquals(0, c.misbehaviourScore());
            assertEquals(BlockArrival.Via.BLOCK, node.awaitBlock(hash, WAIT).via());
        }
    }

    @Test
    void shouldFallBackToTheFullBlockOnDuplicateShortIds() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] cmpct = cmpctblock(11);
            final int ids = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET + 1;
            System.arraycopy(cmpct, ids, cmpct, ids + ShortIds.LENGTH, ShortIds.LENGTH);
            peer.send(Command.CMPCTBLOCK, cmpct);
            final TestPeer.Frame getdata = peer.expect(Command.GETDATA);
            assertEquals(InventoryFlyweight.MSG_BLOCK,
                new InventoryFlyweight().wrap(getdata.buffer(), 0, getdata.payload.length).type(0));
            assertEquals(1, node.connections().get(0).compactFallbacks());
        }
    }

    @Test
    void shouldScoreAnInvalidCompactBlock100() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] cmpct = cmpctblock(12);
            // The prefilled coinbase's index delta, moved past the end of the block.
            final int delta = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET + 1 + TXS * ShortIds.LENGTH + 1;
            assertEquals(0, cmpct[delta]);
            cmpct[delta] = (byte)(TXS + 1);
            peer.send(Command.CMPCTBLOCK, cmpct);
            assertTrue(peer.awaitClosedByNode());
            final SimConnection c = node.connections().get(0);
            assertEquals(100, c.misbehaviourScore());
            assertEquals(DisconnectReason.MISBEHAVIOUR, c.disconnectReason());
        }
    }

    @Test
    void shouldScoreAMismatchingBlockTxn100() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            peer.send(Command.CMPCTBLOCK, cmpctblock(13));
            final TestPeer.Frame request = peer.expect(Command.GETBLOCKTXN);
            assertEquals(TXS, new GetBlockTxnFlyweight().wrap(request.buffer(), 0, request.payload.length).count());
            peer.send(Command.BLOCKTXN, blocktxn(List.of(1, 2, 3)));
            assertTrue(peer.awaitClosedByNode());
            assertEquals(100, node.connections().get(0).misbehaviourScore());
            assertFalse(node.chain().hasBlock(hash));
        }
    }

    @Test
    void shouldAskForALoneAnnouncedBlockAsACompactBlock() throws IOException
    {
        try (SimulatedDashNode node = node(); TestPeer peer = new TestPeer(node))
        {
            peer.handshake();
            final byte[] sendCmpct = new byte[9];
            io.dashcast.protocol.message.SendCmpctFlyweight.encode(new UnsafeBuffer(sendCmpct), 0, false, 1);
            peer.send(Command.SENDCMPCT, sendCmpct);
            final byte[] headers = new byte[1 + 81];
            io.dashcast.protocol.message.HeadersFlyweight.encodeSingle(new UnsafeBuffer(headers), 0, new UnsafeBuffer(block), 0);
            peer.send(Command.HEADERS, headers);
            final TestPeer.Frame getdata = peer.expect(Command.GETDATA);
            assertEquals(InventoryFlyweight.MSG_CMPCT_BLOCK,
                new InventoryFlyweight().wrap(getdata.buffer(), 0, getdata.payload.length).type(0));
            peer.send(Command.CMPCTBLOCK, cmpctblock(14));
            peer.expect(Command.GETBLOCKTXN);
            final List<Integer> all = new ArrayList<>();
            for (int i = 1; i <= TXS; i++)
            {
                all.add(i);
            }
            peer.send(Command.BLOCKTXN, blocktxn(all));
            assertTrue(node.awaitTip(hash, WAIT));
        }
    }

    private static SimulatedDashNode node()
    {
        return SimulatedDashNode.start(new SimulatedDashNode.Context().recordBlockBytes(true));
    }

    private byte[] tx(final int index)
    {
        return Arrays.copyOfRange(block, view.transactionOffset(index), view.transactionOffset(index) + view.transactionLength(index));
    }

    private byte[] txid(final int index)
    {
        final byte[] txid = new byte[32];
        view.txid(index, new Sha256d(), txid, 0);
        return txid;
    }

    private byte[] cmpctblock(final long nonce)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[CmpctBlockFlyweight.encodedLength(view)]);
        CmpctBlockFlyweight.encode(out, 0, view, nonce, new ShortIds());
        return out.byteArray();
    }

    private byte[] blocktxn(final List<Integer> indexes)
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(block.length + 64);
        int length = BlockTxnFlyweight.encodePrefix(out, 0, new UnsafeBuffer(hash), 0, indexes.size());
        for (final int i : indexes)
        {
            out.putBytes(length, tx(i));
            length += view.transactionLength(i);
        }
        return Arrays.copyOf(out.byteArray(), length);
    }

    private static List<String> names(final List<TestPeer.Frame> frames)
    {
        final List<String> names = new ArrayList<>();
        for (final TestPeer.Frame f : frames)
        {
            names.add(f.name);
        }
        return names;
    }
}
