package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.sim.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validation gate's verdicts, and what it costs a submit (printed: the figures in README).
 */
class BlockGateTest
{
    private final BlockGate gate = new BlockGate(Network.REGTEST);
    private final BlockView view = new BlockView();
    private final byte[] hash = new byte[32];

    @Test
    void shouldPassAValidBlockAndNameWhatIsWrongWithOthers()
    {
        final byte[] good = TestBlocks.chain(Network.REGTEST, 1).get(0);
        assertEquals(BlockGate.PASSED, check(good));
        assertEquals(BlockGate.HIGH_HASH, check(TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).invalidProofOfWork().build()));
        final byte[] badMerkle = TestBlocks.withBadMerkleRoot(good);
        assertTrue(check(badMerkle) == BlockGate.BAD_MERKLE_ROOT || check(badMerkle) == BlockGate.HIGH_HASH);
        assertEquals(BlockGate.BAD_BITS, new BlockGate(Network.MAINNET).check(view.wrap(new UnsafeBuffer(good), 0, good.length), hash),
            "regtest's easy bits are above mainnet's proof-of-work limit");
    }

    @Test
    void shouldExpandCompactTargetsAsDashCoreDoes()
    {
        final byte[] target = new byte[32];
        assertTrue(BlockGate.expand(0x1d00ffffL, target));
        assertEquals((byte)0xff, target[26]);
        assertEquals((byte)0xff, target[27]);
        assertEquals(0, target[28]);
        assertFalse(BlockGate.expand(0x04923456L, target), "negative");
        assertFalse(BlockGate.expand(0x00000000L, target), "zero");
        assertFalse(BlockGate.expand(0xff123456L, target), "overflow");
        assertTrue(BlockGate.expand(0x207fffffL, target));
        assertEquals(0x7f, target[31]);
    }

    @Test
    void shouldMeasureItsCost()
    {
        final byte[] small = TestBlocks.chain(Network.REGTEST, 1).get(0);
        final byte[] big = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).dummyTransactions(2_000).padToSize(1_000_000).build();
        assertEquals(BlockGate.PASSED, check(big));
        System.out.printf("BlockGate: %d-byte block %.1f us, %d-byte block of %d transactions %.1f us%n",
            small.length, costUs(small), big.length, view.transactionCount(), costUs(big));
    }

    private double costUs(final byte[] block)
    {
        for (int i = 0; i < 200; i++)
        {
            check(block);
        }
        final int rounds = block.length > 100_000 ? 50 : 5_000;
        final long start = System.nanoTime();
        for (int i = 0; i < rounds; i++)
        {
            check(block);
        }
        return (System.nanoTime() - start) / 1e3 / rounds;
    }

    private int check(final byte[] block)
    {
        view.wrap(new UnsafeBuffer(block), 0, block.length);
        return gate.check(view, hash);
    }

    static byte[] copy(final byte[] block)
    {
        return Arrays.copyOf(block, block.length);
    }
}
