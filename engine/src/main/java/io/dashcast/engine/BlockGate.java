package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.X11;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The validation gate every block passes before any peer gets it in full: the checks a Dash Core
 * node makes without its chain that would make it punish the sender (100 points: discouraged).
 * <ol>
 *   <li>well formed: {@link BlockView} walked every transaction to the exact end (checked by the
 *       caller's {@code wrap}); the first transaction is a coinbase (one input spending the null
 *       outpoint);</li>
 *   <li>{@code bits} is a valid compact target, not negative, not zero, not above the network's
 *       proof-of-work limit ({@code high-hash} / {@code bad-diffbits} in Dash Core); on regtest, which
 *       never retargets, exactly the limit (any other value is {@code bad-diffbits}, 100 points,
 *       measured on v22.1.1). Mainnet and testnet retarget every block (Dark Gravity Wave over 24
 *       headers): the expected value needs the chain, which the gate does not have;</li>
 *   <li>X11 of the 80-byte header, read as a little-endian 256-bit number, is at most that target
 *       ({@code high-hash});</li>
 *   <li>the transactions hash to the header's merkle root ({@code bad-txnmrklroot}).</li>
 * </ol>
 * Checks run cheapest first; the merkle root (one double SHA-256 per transaction and level) is the
 * only cost that grows with the block. Not thread safe: one gate per producer thread.
 */
final class BlockGate
{
    /** The block passed every check. */
    static final int PASSED = 0;
    /** The first transaction is not a coinbase. */
    static final int NO_COINBASE = 1;
    /** {@code bits} is not a usable target for this network. */
    static final int BAD_BITS = 2;
    /** X11 of the header is above the target. */
    static final int HIGH_HASH = 3;
    /** The transactions do not hash to the header's merkle root. */
    static final int BAD_MERKLE_ROOT = 4;

    private static final int MAINNET_LIMIT_BITS = 0x1e0fffff;
    private static final int REGTEST_LIMIT_BITS = 0x207fffff;

    private final X11 x11 = new X11();
    private final Sha256d sha256d = new Sha256d();
    private final byte[] target = new byte[32];
    private final byte[] limit = new byte[32];
    private final byte[] scratch = new byte[32];
    private final byte[] subtreeScratch = new byte[BlockView.SUBTREE_SCRATCH_BYTES];
    private final UnsafeBuffer subtreeScratchBuffer = new UnsafeBuffer(subtreeScratch);
    private final long exactBits;
    private final HashHelper helper;
    private long checksum = HashHelper.NO_CHECKSUM;

    /**
     * @param network whose proof-of-work limit applies.
     */
    BlockGate(final Network network)
    {
        this(network, null);
    }

    /**
     * @param network whose proof-of-work limit applies.
     * @param helper  shares a big block's hashing (the merkle pass and the frame checksum), or null to hash alone.
     */
    BlockGate(final Network network, final HashHelper helper)
    {
        this.helper = helper;
        final int limitBits = network == Network.MAINNET || network == Network.TESTNET ? MAINNET_LIMIT_BITS : REGTEST_LIMIT_BITS;
        expand(limitBits, limit);
        exactBits = network == Network.REGTEST ? REGTEST_LIMIT_BITS : -1;
    }

    /**
     * @param view a view already wrapped over the block (so it is well formed).
     * @param hash where the header's X11 hash goes (internal byte order), for the caller's use;
     *             always written.
     * @return {@link #PASSED} or the first check that failed.
     */
    int check(final BlockView view, final byte[] hash)
    {
        checksum = HashHelper.NO_CHECKSUM;
        x11.hash(view.buffer(), view.offset(), BlockView.HEADER_LENGTH, hash, 0);
        if (!startsWithCoinbase(view))
        {
            return NO_COINBASE;
        }
        if (!expand(view.bits(), target) || compare(target, limit) > 0 || (exactBits >= 0 && view.bits() != exactBits))
        {
            return BAD_BITS;
        }
        if (compare(hash, target) > 0)
        {
            return HIGH_HASH;
        }
        if (helper == null)
        {
            return view.merkleRootMatches(sha256d, scratch) ? PASSED : BAD_MERKLE_ROOT;
        }
        checksum = helper.hash(view, sha256d, subtreeScratch, subtreeScratchBuffer, scratch);
        return view.merkleRootIs(scratch) ? PASSED : BAD_MERKLE_ROOT;
    }

    /**
     * @return the {@code block} message checksum of the last checked block when the helper computed
     * it beside the merkle pass (0 to 2^32 - 1), else {@link HashHelper#NO_CHECKSUM}.
     */
    long checksum()
    {
        return checksum;
    }

    /**
     * @param verdict a result of {@link #check}.
     * @return Dash Core's reject reason for it.
     */
    static String reason(final int verdict)
    {
        return switch (verdict)
        {
            case PASSED -> "valid";
            case NO_COINBASE -> "bad-cb-missing";
            case BAD_BITS -> "bad-diffbits";
            case HIGH_HASH -> "high-hash";
            case BAD_MERKLE_ROOT -> "bad-txnmrklroot";
            default -> "invalid";
        };
    }

    /**
     * Expand a compact target ({@code arith_uint256::SetCompact}) into 32 little-endian bytes.
     *
     * @return false when it is negative, zero or overflows 256 bits.
     */
    static boolean expand(final long bits, final byte[] dst)
    {
        java.util.Arrays.fill(dst, (byte)0);
        final int exponent = (int)((bits >>> 24) & 0xff);
        long mantissa = bits & 0x007fffffL;
        if ((bits & 0x00800000L) != 0 && mantissa != 0)
        {
            return false;
        }
        if (exponent <= 3)
        {
            mantissa >>>= 8 * (3 - exponent);
        }
        if (mantissa == 0)
        {
            return false;
        }
        final int shift = Math.max(0, exponent - 3);
        for (int i = 0; i < 3; i++)
        {
            final int value = (int)((mantissa >>> (8 * i)) & 0xff);
            if (value != 0 && shift + i >= 32)
            {
                return false;
            }
            if (shift + i < 32)
            {
                dst[shift + i] = (byte)value;
            }
        }
        return true;
    }

    /**
     * Compare two little-endian unsigned 256-bit numbers.
     */
    static int compare(final byte[] a, final byte[] b)
    {
        for (int i = 31; i >= 0; i--)
        {
            final int x = a[i] & 0xff;
            final int y = b[i] & 0xff;
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    /**
     * The first transaction has exactly one input, spending the null outpoint (32 zero bytes,
     * index 0xffffffff).
     */
    private static boolean startsWithCoinbase(final BlockView view)
    {
        final DirectBuffer buffer = view.buffer();
        final int start = view.transactionOffset(0);
        final int limit = start + view.transactionLength(0);
        final int countOffset = start + 4;
        if (VarInt.read(buffer, countOffset, limit, limit) != 1)
        {
            return false;
        }
        final int outpoint = countOffset + VarInt.encodedLength(buffer, countOffset);
        if (outpoint + Sha256d.HASH_LENGTH + 4 > limit)
        {
            return false;
        }
        for (int i = 0; i < Sha256d.HASH_LENGTH; i++)
        {
            if (buffer.getByte(outpoint + i) != 0)
            {
                return false;
            }
        }
        return buffer.getInt(outpoint + Sha256d.HASH_LENGTH, LITTLE_ENDIAN) == -1;
    }
}
