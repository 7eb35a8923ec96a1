package io.dashcast.realnode;

import io.dashcast.protocol.BlockView;
import io.dashcast.sim.regtest.RegtestBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ack the engine relies on, measured on a real node: a {@code ping} right behind a
 * {@code block} is answered only after the block was validated. Each case compares the time the
 * node logged its verdict (debug.log, {@code -logtimemicros}) with the time the pong reached us on
 * the same host: the verdict must come first.
 */
@Timeout(120)
class PongAfterBlockRealNodeTest extends MinerAndTarget
{
    @Test
    void shouldPongOnlyAfterTheBlockBecameTheTip() throws Exception
    {
        final String hash = miner.generate(1).get(0);
        final byte[] block = RealNodes.block(miner, hash);
        final NodeLog log = new NodeLog(node.debugLog());
        try (RawPeer peer = new RawPeer(node.p2pPort()))
        {
            peer.handshake("/dashcast-probe:0/");
            peer.send("block", block);
            final long nonce = peer.ping();
            final RawPeer.Message pong = peer.awaitPong(nonce, Duration.ofSeconds(10));
            assertNotNull(pong, "pong after a valid block");
            final NodeLog.Line tip = log.first("UpdateTip: new best=" + hash);
            assertNotNull(tip, "UpdateTip logged");
            assertEquals(hash, node.bestBlockHash(), "the tip when the pong arrived");
            assertFalse(tip.time().isAfter(pong.receivedAt()), () -> "UpdateTip " + tip.time() + " after pong " + pong.receivedAt());
            System.out.printf("[realnode] valid block: UpdateTip %d us before the pong reached us%n",
                ChronoUnit.MICROS.between(tip.time(), pong.receivedAt()));
            assertEquals(0, RealNodes.misbehaving(log).size());
        }
    }

    @Test
    void shouldPongAfterRejectingABlockFromTheFutureWithoutPenalty() throws Exception
    {
        final String next = miner.generate(1).get(0);
        final byte[] future = RegtestBlocks.regrind(RealNodes.block(miner, next),
            header -> RegtestBlocks.setTime(header, Instant.now().getEpochSecond() + 3 * 3600));
        final String tipBefore = node.bestBlockHash();
        final NodeLog log = new NodeLog(node.debugLog());
        try (RawPeer peer = new RawPeer(node.p2pPort()))
        {
            peer.handshake("/dashcast-probe:0/");
            peer.send("block", future);
            final long nonce = peer.ping();
            final RawPeer.Message pong = peer.awaitPong(nonce, Duration.ofSeconds(10));
            assertNotNull(pong, "pong after a block from the future");
            final NodeLog.Line verdict = log.first("time-too-new");
            assertNotNull(verdict, () -> "rejection logged: " + log.lines());
            assertFalse(verdict.time().isAfter(pong.receivedAt()), "rejected before the pong");
            System.out.printf("[realnode] time-too-new block: rejection logged %d us before the pong reached us; %s%n",
                ChronoUnit.MICROS.between(verdict.time(), pong.receivedAt()), RealNodes.misbehaving(log));
            assertEquals(tipBefore, node.bestBlockHash());
            assertFalse(peer.isClosedByPeer());
            assertEquals(0, node.banned().size());
            // The header is not stored either: the engine's confirmation would (rightly) say "not there".
            final int before = peer.seen().size();
            peer.getHeadersOf(RegtestBlocks.hashHex(future));
            assertNotNull(peer.awaitPong(peer.ping(), Duration.ofSeconds(5)));
            assertTrue(peer.seen().subList(before, peer.seen().size()).stream().noneMatch(m -> m.command().equals("headers")));
        }
        finally
        {
            RealNodes.syncTo(miner, node);
        }
    }

    @Test
    void shouldDisconnectWithoutPongAfterAMutatedBlock() throws Exception
    {
        final String next = miner.generate(1).get(0);
        final byte[] mutated = RegtestBlocks.regrind(RealNodes.block(miner, next),
            header -> header[BlockView.MERKLE_ROOT_OFFSET] ^= 1);
        final String tipBefore = node.bestBlockHash();
        final NodeLog log = new NodeLog(node.debugLog());
        try (RawPeer peer = new RawPeer(node.p2pPort()))
        {
            peer.handshake("/dashcast-probe:0/");
            peer.send("block", mutated);
            final long nonce = peer.ping();
            final RawPeer.Message pong = peer.awaitPong(nonce, Duration.ofSeconds(5));
            assertNull(pong, "no pong: the node drops a peer that sent a mutated block before reading on");
            assertTrue(RealNodes.until(peer::isClosedByPeer, Duration.ofSeconds(5)), "disconnected");
            final NodeLog.Line verdict = log.first("bad-txnmrklroot");
            assertNotNull(verdict, () -> "rejection logged: " + log.lines());
            System.out.printf("[realnode] mutated block: %s%n[realnode]   %s%n", verdict.text(), RealNodes.misbehaving(log));
            assertEquals(tipBefore, node.bestBlockHash());
            // Loopback peers are disconnected, not discouraged: nothing in listbanned.
            assertEquals(0, node.banned().size(), () -> "listbanned " + node.banned());
            assertTrue(log.grep("disconnecting but not discouraging").size() + log.grep("not discouraging local").size() > 0
                || !RealNodes.misbehaving(log).isEmpty(), () -> "why it disconnected: " + log.lines());
        }
        finally
        {
            RealNodes.syncTo(miner, node);
        }
    }
}
