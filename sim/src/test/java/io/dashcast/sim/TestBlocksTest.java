package io.dashcast.sim;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TestBlocksTest
{
    /** Accepted by a real Dash Core v22.1.1 regtest node at height 102 (/work/shared/vectors/rpc/block-accepted.hex). */
    private static final String ACCEPTED_BY_DASH_CORE =
        "000000206bcd1e4d004951d1577a7b680522069efc2caf26ee11fb49713bf32093bbff0e16d0f4f1b9293af9dd394cb9eae457784df6cfc8" +
        "09693395a2a6040da554c94ddac5086bffff7f20000000000102000000010000000000000000000000000000000000000000000000000000" +
        "000000000000ffffffff0401660101ffffffff0100743ba40b0000001976a914fb055d2971bf5c28bc65f794c0ddf1d5e4a0265b88ac0000" +
        "0000";

    @Test
    void shouldHashEachGenesisToItsChainparamsHash()
    {
        for (final Network network : Network.values())
        {
            assertEquals(network.genesisHashHex(), TestBlocks.hashHex(TestBlocks.genesis(network)), network.name());
            final byte[] genesis = TestBlocks.genesis(network);
            assertTrue(new BlockView().wrap(new UnsafeBuffer(genesis), 0, genesis.length)
                .merkleRootMatches(new Sha256d(), new byte[32]));
        }
    }

    @Test
    void shouldPassTheChecksOnABlockARealNodeAccepted()
    {
        final byte[] block = HexFormat.of().parseHex(ACCEPTED_BY_DASH_CORE);
        final byte[] hash = new byte[32];
        assertNull(new BlockValidator(true, 2_000_000).check(new UnsafeBuffer(block), 0, block.length, hash));
        assertArrayEquals(HexFormat.of().parseHex("0166"), TestBlocks.heightScript(102), "height push of that block");
        assertArrayEquals(new byte[] { 0x51 }, TestBlocks.heightScript(1));
        assertArrayEquals(new byte[] { 0x60 }, TestBlocks.heightScript(16));
        assertArrayEquals(HexFormat.of().parseHex("028000"), TestBlocks.heightScript(128));
    }

    @Test
    void shouldBuildValidBlocksOfExactSizes()
    {
        final byte[] parent = TestBlocks.genesis(Network.REGTEST);
        final BlockValidator validator = new BlockValidator(true, Network.MAX_PROTOCOL_MESSAGE_LENGTH);
        for (final int size : new int[] { 250, 262, 263, 1_000, 65_800, 999_999, 1_000_000, 1_500_000, 2_000_000 })
        {
            final byte[] block = TestBlocks.on(parent, 0).padToSize(size).build();
            assertEquals(size, block.length);
            assertNull(validator.check(new UnsafeBuffer(block), 0, block.length, new byte[32]), "size " + size);
            assertTrue(validator.coinbaseStartsWith(TestBlocks.heightScript(1)));
        }
        final byte[] many = TestBlocks.on(parent, 0).dummyTransactions(500).build();
        assertEquals(501, new BlockView().wrap(new UnsafeBuffer(many), 0, many.length).transactionCount());
        assertNull(validator.check(new UnsafeBuffer(many), 0, many.length, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> TestBlocks.on(parent, 0).padToSize(100).build());
    }

    @Test
    void shouldBuildTheSameChainEveryTime()
    {
        final List<byte[]> a = TestBlocks.chain(Network.REGTEST, 20);
        final List<byte[]> b = TestBlocks.chain(Network.REGTEST, 20);
        for (int i = 0; i < a.size(); i++)
        {
            assertArrayEquals(a.get(i), b.get(i));
            assertTrue(TestBlocks.meetsTarget(TestBlocks.hash(a.get(i)), TestBlocks.REGTEST_BITS));
        }
        assertArrayEquals(TestBlocks.hash(a.get(0)), TestBlocks.prevHash(a.get(1)));
    }

    @Test
    void shouldMutateOnlyTheTransactionsForABadMerkleRoot()
    {
        final byte[] block = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).build();
        final byte[] bad = TestBlocks.withBadMerkleRoot(block);
        assertArrayEquals(TestBlocks.hash(block), TestBlocks.hash(bad));
        assertFalse(new BlockView().wrap(new UnsafeBuffer(bad), 0, bad.length).merkleRootMatches(new Sha256d(), new byte[32]));
        assertEquals(BlockVerdict.BAD_MERKLE_ROOT,
            new BlockValidator(true, 2_000_000).check(new UnsafeBuffer(bad), 0, bad.length, new byte[32]));
    }

    @Test
    void shouldExpandCompactTargets()
    {
        assertEquals(new java.math.BigInteger("7fffff", 16).shiftLeft(8 * 29), TestBlocks.target(0x207fffffL));
        assertEquals(-1, TestBlocks.target(0x04923456L).signum(), "negative target");
        assertEquals(new java.math.BigInteger("12", 16), TestBlocks.target(0x01120000L));
    }
}
