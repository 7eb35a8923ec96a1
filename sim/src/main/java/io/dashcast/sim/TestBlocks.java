package io.dashcast.sim;

import io.dashcast.protocol.Hashes;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.dashcast.protocol.BlockView.HEADER_LENGTH;

/**
 * Builds structurally valid Dash blocks that extend a given parent, for tests, demos and
 * benchmarks. A block built here has:
 * <ul>
 *   <li>header version {@code 0x20000000}, the parent's hash, the correct merkle root, the time
 *   given (default: now, but after the parent), {@code nBits} {@value #REGTEST_BITS_HEX} unless set,
 *   and a nonce ground until X11(header) meets the target (about two tries on regtest);</li>
 *   <li>a coinbase (tx version 2, type 0) whose scriptSig starts with the BIP34 height exactly as
 *   Dash Core's {@code CScript() << nHeight} writes it (OP_1..OP_16 for 1..16), then an 8-byte
 *   extra nonce; one output of {@link Builder#coinbaseValue(long)} (default 0) to {@code OP_TRUE};</li>
 *   <li>optional extra transactions: caller-supplied bytes, or unique dummy spends;</li>
 *   <li>optional padding to an exact size: an {@code OP_RETURN} output in the coinbase and, past
 *   about 980 kB, extra padding transactions (each stays under Dash's 1 MB transaction limit).</li>
 * </ul>
 * Faithfulness: a block with only the coinbase, at a low regtest height (before DIP0003 at 432,
 * where a CbTx becomes mandatory) and with a coinbase under 100 kB, is what a real v22.1.1
 * regtest node accepts (compare {@code /work/shared/vectors/rpc/block-accepted.hex}); padded to
 * 101,000 bytes its coinbase is refused ({@code bad-txns-oversize}, measured 2026-12-07), so a
 * larger padded block is for the simulated node only. Dummy and padding transactions spend
 * outputs that do not exist: the simulated node does not check UTXOs, a real node would reject them.
 * <p>
 * Thread safe: hashers are per thread.
 */
public final class TestBlocks
{
    /** Regtest proof-of-work limit in compact form; Dash regtest blocks carry it. */
    public static final long REGTEST_BITS = 0x207fffffL;
    static final String REGTEST_BITS_HEX = "0x207fffff";
    /** Block header version written by the builder (BIP9 top bits, at least 4 as BIP65 needs). */
    public static final int BLOCK_VERSION = 0x20000000;
    /** Dash's target spacing, used for the times of deterministic chains. */
    public static final int TARGET_SPACING_SECONDS = 150;
    /** Largest transaction Dash Core accepts ({@code MAX_LEGACY_BLOCK_SIZE}); padding stays below it. */
    static final int PADDING_CHUNK_BYTES = 980_000;
    /** Largest block the builder makes: the protocol's message limit (3 MiB). */
    public static final int MAX_BUILD_SIZE = 3 * 1024 * 1024;
    private static final int MAX_GRIND_ATTEMPTS = 1 << 22;

    private static final ThreadLocal<X11> X11_HASHER = ThreadLocal.withInitial(X11::new);
    private static final ThreadLocal<Sha256d> SHA256D = ThreadLocal.withInitial(Sha256d::new);
    private static final byte[] OP_TRUE_SCRIPT = { 0x51 };

    private TestBlocks()
    {
    }

    /**
     * @param network whose genesis block is wanted (devnet: the regtest genesis, its height 0).
     * @return a fresh copy of the serialized genesis block.
     */
    public static byte[] genesis(final Network network)
    {
        return Genesis.block(network);
    }

    /**
     * Start a block extending {@code parent}.
     *
     * @param parent       the parent block, or just its 80-byte header.
     * @param parentHeight height of the parent.
     * @return a builder.
     */
    public static Builder on(final byte[] parent, final int parentHeight)
    {
        if (parent.length < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("a parent needs at least its 80-byte header, got " + parent.length);
        }
        if (parentHeight < 0)
        {
            throw new IllegalArgumentException("parent height " + parentHeight);
        }
        return new Builder(Arrays.copyOf(parent, HEADER_LENGTH), parentHeight);
    }

    /**
     * A deterministic chain of {@code count} coinbase-only blocks on the network's genesis: block
     * {@code h} has time genesis time + 150 h and extra nonce 0, so every caller (and every simulated
     * node built with {@link SimulatedDashNode.Context#initialHeight(int)}) gets the same blocks.
     *
     * @param network whose genesis the chain extends.
     * @param count   number of blocks (heights 1..count).
     * @return the blocks in height order.
     */
    public static List<byte[]> chain(final Network network, final int count)
    {
        final List<byte[]> blocks = new ArrayList<>(count);
        byte[] parent = genesis(network);
        final long genesisTime = time(parent);
        for (int h = 1; h <= count; h++)
        {
            final byte[] block = on(parent, h - 1).time(genesisTime + (long)h * TARGET_SPACING_SECONDS).build();
            blocks.add(block);
            parent = block;
        }
        return blocks;
    }

    /**
     * @param blockOrHeader a block or its header.
     * @return X11 of the first 80 bytes: the block hash in internal order.
     */
    public static byte[] hash(final byte[] blockOrHeader)
    {
        final byte[] hash = new byte[32];
        X11_HASHER.get().hash(blockOrHeader, 0, HEADER_LENGTH, hash, 0);
        return hash;
    }

    /**
     * @param blockOrHeader a block or its header.
     * @return the block hash in display order, as Dash Core prints it.
     */
    public static String hashHex(final byte[] blockOrHeader)
    {
        return Hashes.toDisplayHex(hash(blockOrHeader), 0);
    }

    /**
     * @param blockOrHeader a block or its header.
     * @return a copy of the 80-byte header.
     */
    public static byte[] header(final byte[] blockOrHeader)
    {
        return Arrays.copyOf(blockOrHeader, HEADER_LENGTH);
    }

    /**
     * @param blockOrHeader a block or its header.
     * @return the previous block hash (internal order).
     */
    public static byte[] prevHash(final byte[] blockOrHeader)
    {
        return Arrays.copyOfRange(blockOrHeader, 4, 36);
    }

    /**
     * @param blockOrHeader a block or its header.
     * @return the header time in seconds.
     */
    public static long time(final byte[] blockOrHeader)
    {
        return readU32(blockOrHeader, 68);
    }

    /**
     * @param blockOrHeader a block or its header.
     * @return the compact target.
     */
    public static long bits(final byte[] blockOrHeader)
    {
        return readU32(blockOrHeader, 72);
    }

    /**
     * A copy of a block whose last transaction's lock time is changed, so the transactions no longer
     * hash to the header's merkle root while the header (hash and proof of work) stays valid: what
     * Dash Core rejects as {@code bad-txnmrklroot}.
     *
     * @param block a valid block.
     * @return the mutated copy.
     */
    public static byte[] withBadMerkleRoot(final byte[] block)
    {
        final byte[] copy = block.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }

    /**
     * Expand a compact target ({@code arith_uint256::SetCompact}).
     *
     * @param bits compact target.
     * @return the target, or -1 when negative or overflowing (Dash Core then rejects the header).
     */
    public static BigInteger target(final long bits)
    {
        final int size = (int)(bits >>> 24) & 0xff;
        final long word = bits & 0x007f_ffffL;
        if (word != 0 && (bits & 0x0080_0000L) != 0)
        {
            return BigInteger.ONE.negate();
        }
        if (word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32)))
        {
            return BigInteger.ONE.negate();
        }
        return size <= 3 ? BigInteger.valueOf(word >>> (8 * (3 - size))) : BigInteger.valueOf(word).shiftLeft(8 * (size - 3));
    }

    /**
     * @param hash internal-order hash (a little-endian 256-bit number).
     * @param bits compact target.
     * @return true when the hash is at most the target and the target is well formed and non-zero.
     */
    public static boolean meetsTarget(final byte[] hash, final long bits)
    {
        final BigInteger target = target(bits);
        if (target.signum() <= 0)
        {
            return false;
        }
        final byte[] bigEndian = new byte[33];
        for (int i = 0; i < 32; i++)
        {
            bigEndian[32 - i] = hash[i];
        }
        return new BigInteger(bigEndian).compareTo(target) <= 0;
    }

    /**
     * Work a header with these bits proves: 2^256 / (target + 1), as {@code GetBlockProof}.
     *
     * @param bits compact target.
     * @return the work, zero for a malformed target.
     */
    public static BigInteger work(final long bits)
    {
        final BigInteger target = target(bits);
        if (target.signum() <= 0)
        {
            return BigInteger.ZERO;
        }
        return BigInteger.ONE.shiftLeft(256).divide(target.add(BigInteger.ONE));
    }

    static long readU32(final byte[] bytes, final int offset)
    {
        return (bytes[offset] & 0xffL) | (bytes[offset + 1] & 0xffL) << 8 | (bytes[offset + 2] & 0xffL) << 16 |
            (bytes[offset + 3] & 0xffL) << 24;
    }

    /**
     * The BIP34 height prefix exactly as {@code CScript() << nHeight} writes it.
     *
     * @param height block height.
     * @return the script bytes.
     */
    static byte[] heightScript(final int height)
    {
        if (height == 0)
        {
            return new byte[] { 0x00 };
        }
        if (height >= 1 && height <= 16)
        {
            return new byte[] { (byte)(0x50 + height) };
        }
        // CScriptNum: minimal little-endian, with a sign byte if the top bit is set.
        final ByteWriter num = new ByteWriter(5);
        long value = height;
        while (value != 0)
        {
            num.u8((int)(value & 0xff));
            value >>>= 8;
        }
        byte[] digits = num.toByteArray();
        if ((digits[digits.length - 1] & 0x80) != 0)
        {
            digits = Arrays.copyOf(digits, digits.length + 1);
        }
        final byte[] script = new byte[digits.length + 1];
        script[0] = (byte)digits.length;
        System.arraycopy(digits, 0, script, 1, digits.length);
        return script;
    }

    /**
     * Fluent description of one block; {@link #build()} serializes it and grinds the nonce.
     */
    public static final class Builder
    {
        private final byte[] parentHeader;
        private final int height;
        private long time;
        private long bits = REGTEST_BITS;
        private int version = BLOCK_VERSION;
        private long coinbaseValue;
        private long extraNonce;
        private byte[] outputScript = OP_TRUE_SCRIPT;
        private final List<byte[]> transactions = new ArrayList<>();
        private int dummyTransactions;
        private int padToSize;
        private boolean validProofOfWork = true;

        private Builder(final byte[] parentHeader, final int parentHeight)
        {
            this.parentHeader = parentHeader;
            this.height = parentHeight + 1;
            this.time = Math.max(System.currentTimeMillis() / 1000, TestBlocks.time(parentHeader) + 1);
        }

        /**
         * @param seconds header time (Dash Core needs it above the median of the last 11 blocks).
         * @return this.
         */
        public Builder time(final long seconds)
        {
            this.time = seconds;
            return this;
        }

        /**
         * @param compact target written to nBits and ground against (default regtest's).
         * @return this.
         */
        public Builder bits(final long compact)
        {
            this.bits = compact;
            return this;
        }

        /**
         * @param blockVersion header version (default {@link #BLOCK_VERSION}).
         * @return this.
         */
        public Builder version(final int blockVersion)
        {
            this.version = blockVersion;
            return this;
        }

        /**
         * @param duffs coinbase output value (default 0, valid at any height).
         * @return this.
         */
        public Builder coinbaseValue(final long duffs)
        {
            this.coinbaseValue = duffs;
            return this;
        }

        /**
         * @param value 8 bytes written into the coinbase scriptSig after the height: two blocks on the
         *              same parent with the same time differ only by this.
         * @return this.
         */
        public Builder extraNonce(final long value)
        {
            this.extraNonce = value;
            return this;
        }

        /**
         * @param script coinbase output script (default {@code OP_TRUE}).
         * @return this.
         */
        public Builder outputScript(final byte[] script)
        {
            this.outputScript = script.clone();
            return this;
        }

        /**
         * @param tx a serialized transaction appended after the coinbase, in call order.
         * @return this.
         */
        public Builder addTransaction(final byte[] tx)
        {
            transactions.add(tx.clone());
            return this;
        }

        /**
         * @param count unique small dummy spends (65 bytes each) appended after the given ones,
         *              to give a block a realistic transaction count.
         * @return this.
         */
        public Builder dummyTransactions(final int count)
        {
            if (count < 0)
            {
                throw new IllegalArgumentException("dummy transaction count " + count);
            }
            this.dummyTransactions = count;
            return this;
        }

        /**
         * @param sizeBytes exact serialized size of the block, at most {@link #MAX_BUILD_SIZE}; 0 for no padding.
         * @return this.
         */
        public Builder padToSize(final int sizeBytes)
        {
            if (sizeBytes < 0 || sizeBytes > MAX_BUILD_SIZE)
            {
                throw new IllegalArgumentException("block size " + sizeBytes + " outside 0.." + MAX_BUILD_SIZE);
            }
            this.padToSize = sizeBytes;
            return this;
        }

        /**
         * Grind for a nonce whose hash does NOT meet the target, so Dash Core rejects the block as
         * {@code high-hash} (misbehaviour 100).
         *
         * @return this.
         */
        public Builder invalidProofOfWork()
        {
            this.validProofOfWork = false;
            return this;
        }

        /**
         * @return height the block will have.
         */
        public int height()
        {
            return height;
        }

        /**
         * Serialize the block: transactions, merkle root, then the nonce.
         *
         * @return the block bytes, exactly a {@code block} message payload.
         * @throws IllegalArgumentException when the requested size is below the block's natural size.
         * @throws IllegalStateException    when no nonce meets a hard target within 4 million tries.
         */
        public byte[] build()
        {
            final List<byte[]> others = new ArrayList<>(transactions);
            for (int i = 0; i < dummyTransactions; i++)
            {
                others.add(spend(i, 4, 1));
            }
            final List<byte[]> all = padToSize > 0 ? pad(others) : withCoinbase(0, 0, others);
            return assemble(all);
        }

        private List<byte[]> withCoinbase(final int sigPad, final int paddingScript, final List<byte[]> others)
        {
            final List<byte[]> all = new ArrayList<>(others.size() + 1);
            all.add(coinbase(sigPad, paddingScript));
            all.addAll(others);
            return all;
        }

        private List<byte[]> pad(final List<byte[]> others)
        {
            final List<byte[]> padded = new ArrayList<>(others);
            final int natural = size(withCoinbase(0, 1, others));
            if (padToSize < natural)
            {
                throw new IllegalArgumentException(
                    "block needs at least " + natural + " bytes, asked to pad to " + padToSize);
            }
            int extra = padToSize - natural;
            int index = 0;
            while (extra > PADDING_CHUNK_BYTES)
            {
                final byte[] tx = spend(1_000_000 + index++, 0, PADDING_CHUNK_BYTES - 100);
                padded.add(tx);
                extra -= tx.length;
            }
            int script = 1 + extra;
            int sigPad = 0;
            for (int i = 0; i < 16; i++)
            {
                final List<byte[]> all = withCoinbase(sigPad, script, padded);
                final int diff = padToSize - size(all);
                if (diff == 0)
                {
                    return all;
                }
                if (diff > 0 && diff <= 2 && sigPad == 0)
                {
                    sigPad = diff;
                }
                else
                {
                    script = Math.max(1, script + diff);
                }
            }
            throw new IllegalStateException("could not pad a block to exactly " + padToSize + " bytes");
        }

        private byte[] coinbase(final int sigPad, final int paddingScript)
        {
            final byte[] heightPush = heightScript(height);
            final ByteWriter sig = new ByteWriter(32).bytes(heightPush).u8(8).u64(extraNonce);
            for (int i = 0; i < sigPad; i++)
            {
                sig.u8(0x00);
            }
            final ByteWriter tx = new ByteWriter(128 + paddingScript)
                .u16(2).u16(0)
                .varInt(1).zeros(32).u32(0xffff_ffffL).varBytes(sig.toByteArray()).u32(0xffff_ffffL)
                .varInt(paddingScript > 0 ? 2 : 1)
                .u64(coinbaseValue).varBytes(outputScript);
            if (paddingScript > 0)
            {
                tx.u64(0).varInt(paddingScript).u8(0x6a).zeros(paddingScript - 1);
            }
            return tx.u32(0).toByteArray();
        }

        /**
         * A spend of a made-up outpoint (derived from the parent hash and a counter, so unique).
         */
        private byte[] spend(final int counter, final int sigBytes, final int scriptBytes)
        {
            final byte[] seed = new ByteWriter(48).bytes(parentHeader, 4, 32).u32(height).u32(counter).toByteArray();
            final byte[] prevout = new byte[32];
            SHA256D.get().hash(new UnsafeBuffer(seed), 0, seed.length, prevout, 0);
            final ByteWriter tx = new ByteWriter(64 + sigBytes + scriptBytes)
                .u16(2).u16(0)
                .varInt(1).bytes(prevout).u32(0).varInt(sigBytes).zeros(sigBytes).u32(0xffff_ffffL)
                .varInt(1).u64(0).varInt(scriptBytes);
            if (scriptBytes > 0)
            {
                tx.u8(scriptBytes == 1 ? 0x51 : 0x6a).zeros(scriptBytes - 1);
            }
            return tx.u32(0).toByteArray();
        }

        private static int size(final List<byte[]> txs)
        {
            int size = HEADER_LENGTH + ByteWriter.varIntSize(txs.size());
            for (final byte[] tx : txs)
            {
                size += tx.length;
            }
            return size;
        }

        private byte[] assemble(final List<byte[]> txs)
        {
            final ByteWriter block = new ByteWriter(size(txs))
                .u32(version).bytes(hash(parentHeader)).bytes(merkleRoot(txs)).u32(time).u32(bits).u32(0)
                .varInt(txs.size());
            for (final byte[] tx : txs)
            {
                block.bytes(tx);
            }
            final byte[] bytes = block.toByteArray();
            grind(bytes);
            return bytes;
        }

        private void grind(final byte[] block)
        {
            final X11 x11 = X11_HASHER.get();
            final byte[] hash = new byte[32];
            for (int nonce = 0; nonce < MAX_GRIND_ATTEMPTS; nonce++)
            {
                block[76] = (byte)nonce;
                block[77] = (byte)(nonce >>> 8);
                block[78] = (byte)(nonce >>> 16);
                block[79] = (byte)(nonce >>> 24);
                x11.hash(block, 0, HEADER_LENGTH, hash, 0);
                if (meetsTarget(hash, bits) == validProofOfWork)
                {
                    return;
                }
            }
            throw new IllegalStateException("no nonce found for bits 0x" + Long.toHexString(bits) +
                " in " + MAX_GRIND_ATTEMPTS + " tries: use regtest bits");
        }

        private static byte[] merkleRoot(final List<byte[]> txs)
        {
            final Sha256d sha256d = SHA256D.get();
            byte[][] level = new byte[txs.size()][];
            for (int i = 0; i < level.length; i++)
            {
                level[i] = new byte[32];
                final byte[] tx = txs.get(i);
                sha256d.hash(new UnsafeBuffer(tx), 0, tx.length, level[i], 0);
            }
            final byte[] pair = new byte[64];
            final UnsafeBuffer pairBuffer = new UnsafeBuffer(pair);
            while (level.length > 1)
            {
                final byte[][] next = new byte[(level.length + 1) / 2][];
                for (int i = 0; i < next.length; i++)
                {
                    final byte[] left = level[2 * i];
                    final byte[] right = 2 * i + 1 < level.length ? level[2 * i + 1] : left;
                    System.arraycopy(left, 0, pair, 0, 32);
                    System.arraycopy(right, 0, pair, 32, 32);
                    next[i] = new byte[32];
                    sha256d.hash(pairBuffer, 0, 64, next[i], 0);
                }
                level = next;
            }
            return level[0];
        }
    }
}
