package io.dashcast.protocol.message;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.RandomBlocks;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.Vectors;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round-trip properties of the BIP152 codecs ({@code cmpctblock}, {@code getblocktxn},
 * {@code blocktxn}) over seeded random blocks, index sets and prefilled sets, through
 * {@link MessageDecoder} too, and the rejections Dash Core's deserialization makes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompactBlockCodecTest
{
    private static final int CASES = 1_500;

    private final Random random = new Random(0xb1b152L);
    private final ExpandableArrayBuffer first = new ExpandableArrayBuffer(1 << 16);
    private final ExpandableArrayBuffer second = new ExpandableArrayBuffer(1 << 16);
    private final MessageDecoder decoder = new MessageDecoder();
    private final Sha256d sha256d = new Sha256d();

    @Test
    void shouldRoundTripCompactBlocksOfRandomBlocksWithRandomPrefilledSets()
    {
        final RandomBlocks blocks = new RandomBlocks(random);
        final ShortIds ids = new ShortIds();
        final ShortIds check = new ShortIds();
        for (int c = 0; c < CASES; c++)
        {
            final byte[] bytes = c < Vectors.blocks().size() ? Vectors.blocks().get(c).bytes() : blocks.next(1 + random.nextInt(12));
            final BlockView view = new BlockView().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            final int n = view.transactionCount();
            final long nonce = random.nextLong();

            // The standard encoding: coinbase prefilled, the rest by short id.
            first.checkLimit(CmpctBlockFlyweight.encodedLength(view));
            final int length = CmpctBlockFlyweight.encode(first, 0, view, nonce, ids);
            assertEquals(CmpctBlockFlyweight.encodedLength(view), length);
            final CmpctBlockFlyweight cmpct = decode(first, length).cmpctBlock();
            assertEquals(nonce, cmpct.nonce());
            assertEquals(n, cmpct.transactionCount());
            assertTrue(cmpct.indexesValid());
            check.keys(cmpct.buffer(), cmpct.headerOffset());
            assertEquals(ids.k0(), check.k0());
            for (int i = 1; i < n; i++)
            {
                assertEquals(check.shortIdOfTransaction(view.buffer(), view.transactionOffset(i), view.transactionLength(i)),
                    cmpct.shortId(i - 1), "case " + c + " tx " + i);
            }

            // Any prefilled subset re-encodes to the same bytes from the decoded fields.
            final boolean[] prefilled = new boolean[n];
            for (int i = 0; i < n; i++)
            {
                prefilled[i] = i == 0 || random.nextInt(3) == 0;
            }
            final int written = encodeGeneral(first, view, nonce, prefilled, ids);
            final CmpctBlockFlyweight general = decode(first, written).cmpctBlock();
            assertTrue(general.indexesValid());
            int p = 0;
            for (int i = 0; i < n; i++)
            {
                if (prefilled[i])
                {
                    assertEquals(i, general.prefilledIndex(p));
                    assertEquals(view.transactionLength(i), general.prefilledLength(p));
                    p++;
                }
            }
            assertEquals(p, general.prefilledCount());
            final int rewritten = reencode(general, second);
            assertEquals(written, rewritten);
            assertArrayEquals(Arrays.copyOf(first.byteArray(), written), Arrays.copyOf(second.byteArray(), rewritten));
        }
    }

    @Test
    void shouldEncodeTheSameBytesFromTheMerklePassTxidsAsFromHashingEachTransaction()
    {
        final RandomBlocks blocks = new RandomBlocks(random);
        final ShortIds ids = new ShortIds();
        final byte[] root = new byte[32];
        final byte[] txid = new byte[32];
        for (int c = 0; c < 300; c++)
        {
            final byte[] bytes = c < Vectors.blocks().size() ? Vectors.blocks().get(c).bytes() : blocks.next(1 + random.nextInt(40));
            final BlockView view = new BlockView().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            assertEquals(null, view.knownTxids(), "no txids before a merkle pass");
            view.computeMerkleRoot(sha256d, root, 0);
            final byte[] txids = view.knownTxids();
            for (int i = 0; i < view.transactionCount(); i++)
            {
                view.txid(i, sha256d, txid, 0);
                assertArrayEquals(txid, Arrays.copyOfRange(txids, i * 32, i * 32 + 32), "case " + c + " tx " + i);
            }
            final long nonce = random.nextLong();
            first.checkLimit(CmpctBlockFlyweight.encodedLength(view));
            second.checkLimit(CmpctBlockFlyweight.encodedLength(view));
            final int hashed = CmpctBlockFlyweight.encode(first, 0, view, nonce, ids, null);
            final int known = CmpctBlockFlyweight.encode(second, 0, view, nonce, ids, txids);
            assertEquals(hashed, known);
            assertArrayEquals(Arrays.copyOf(first.byteArray(), hashed), Arrays.copyOf(second.byteArray(), known), "case " + c);
            view.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            assertEquals(null, view.knownTxids(), "a new wrap forgets the txids");
        }
    }

    @Test
    void shouldComputeTheSameMerkleRootFromSubtreesInAnyOrderAsFromTheWholeTree()
    {
        final RandomBlocks blocks = new RandomBlocks(random);
        final byte[] whole = new byte[32];
        final byte[] joined = new byte[32];
        final byte[] scratch = new byte[BlockView.SUBTREE_SCRATCH_BYTES];
        final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
        // Counts from 1 to 300 cross the subtree edges (64, 65, 128, 129, 192, 256, ...) and the
        // odd-level repeats inside the last subtree and above it.
        final boolean[] seen = new boolean[301];
        for (int c = 0; c < 3_000; c++)
        {
            final byte[] bytes = blocks.next(300);
            final BlockView view = new BlockView().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            final int n = view.transactionCount();
            seen[n] = true;
            view.computeMerkleRoot(sha256d, whole, 0);
            assertTrue(view.merkleRootIs(whole), "n " + n + ": the generator's root");
            final byte[] wholeTxids = Arrays.copyOf(view.knownTxids(), 32 * n);
            view.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            final int subtrees = view.subtreeCount();
            assertEquals((n + 63) / 64, subtrees);
            for (int s = subtrees - 1; s >= 0; s--)
            {
                view.hashSubtree(s, sha256d, scratch, scratchBuffer);
            }
            view.merkleRootOfSubtrees(sha256d, joined, 0);
            assertArrayEquals(whole, joined, "n " + n);
            assertArrayEquals(wholeTxids, Arrays.copyOf(view.knownTxids(), 32 * n), "n " + n);
        }
        for (final int edge : new int[]{ 1, 2, 63, 64, 65, 127, 128, 129, 192, 193, 256, 257 })
        {
            assertTrue(seen[edge], "no block of " + edge + " transactions was drawn");
        }
    }

    @Test
    void shouldRoundTripGetBlockTxnAndBlockTxn()
    {
        final RandomBlocks blocks = new RandomBlocks(random);
        final byte[] hash = new byte[32];
        final UnsafeBuffer hashBuffer = new UnsafeBuffer(hash);
        for (int c = 0; c < CASES; c++)
        {
            random.nextBytes(hash);
            final int[] indexes = randomIndexes(c % 50 == 0 ? 65_536 : 1 + random.nextInt(300));
            final int length = GetBlockTxnFlyweight.encode(first, 0, hashBuffer, 0, indexes, indexes.length);
            final GetBlockTxnFlyweight request = decode(Command.GETBLOCKTXN, first, length).getBlockTxn();
            assertEquals(indexes.length, request.count());
            for (int i = 0; i < indexes.length; i++)
            {
                assertEquals(indexes[i], request.index(i));
            }
            final byte[] decodedHash = new byte[32];
            request.buffer().getBytes(request.hashOffset(), decodedHash);
            assertArrayEquals(hash, decodedHash);

            final byte[] bytes = blocks.next(1 + random.nextInt(10));
            final BlockView view = new BlockView().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            final int count = random.nextInt(view.transactionCount() + 1);
            int position = BlockTxnFlyweight.encodePrefix(first, 0, hashBuffer, 0, count);
            assertEquals(BlockTxnFlyweight.prefixLength(count), position);
            for (int i = 0; i < count; i++)
            {
                first.putBytes(position, view.buffer(), view.transactionOffset(i), view.transactionLength(i));
                position += view.transactionLength(i);
            }
            final BlockTxnFlyweight txn = decode(Command.BLOCKTXN, first, position).blockTxn();
            assertEquals(count, txn.count());
            final byte[] a = new byte[32];
            final byte[] b = new byte[32];
            for (int i = 0; i < count; i++)
            {
                view.txid(i, sha256d, a, 0);
                sha256d.hash(txn.buffer(), txn.transactionOffset(i), txn.transactionLength(i), b, 0);
                assertArrayEquals(a, b);
            }
        }
    }

    @Test
    void shouldRefuseWhatDashCoreRefusesToDeserialize()
    {
        final byte[] hash = new byte[32];
        // getblocktxn: a delta that takes the index past 65,535.
        int length = GetBlockTxnFlyweight.COUNT_OFFSET;
        first.putBytes(0, hash);
        length += VarInt.write(first, length, 2);
        length += VarInt.write(first, length, 65_535);
        length += VarInt.write(first, length, 0);
        assertError(ProtocolError.OVERSIZED_FIELD, Command.GETBLOCKTXN, length);
        // ... and a count longer than the payload.
        length = GetBlockTxnFlyweight.COUNT_OFFSET + VarInt.write(first, GetBlockTxnFlyweight.COUNT_OFFSET, 5);
        first.putByte(length++, (byte)0);
        assertError(ProtocolError.TRUNCATED_PAYLOAD, Command.GETBLOCKTXN, length);

        // cmpctblock: more than 65,535 transactions in all.
        final byte[] block = Vectors.block("mainnet-1879105");
        first.putBytes(0, block, 0, BlockView.HEADER_LENGTH);
        length = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET;
        length += VarInt.write(first, length, 65_535);
        first.setMemory(length, 65_535 * ShortIds.LENGTH, (byte)7);
        length += 65_535 * ShortIds.LENGTH;
        length += VarInt.write(first, length, 1);
        length += VarInt.write(first, length, 0);
        final BlockView view = new BlockView().wrap(new UnsafeBuffer(block), 0, block.length);
        first.putBytes(length, block, view.transactionOffset(0), view.transactionLength(0));
        length += view.transactionLength(0);
        assertError(ProtocolError.OVERSIZED_FIELD, Command.CMPCTBLOCK, length);
        // ... trailing bytes after a well-formed one.
        length = CmpctBlockFlyweight.encode(first, 0, view, 1, new ShortIds());
        assertError(ProtocolError.TRAILING_BYTES, Command.CMPCTBLOCK, length + 1);
        assertError(ProtocolError.TRUNCATED_PAYLOAD, Command.CMPCTBLOCK, length - 1);

        // blocktxn: a count the bytes cannot hold.
        length = BlockTxnFlyweight.encodePrefix(first, 0, new UnsafeBuffer(hash), 0, 3);
        first.putBytes(length, block, view.transactionOffset(0), view.transactionLength(0));
        assertError(ProtocolError.TRUNCATED_PAYLOAD, Command.BLOCKTXN, length + view.transactionLength(0));
    }

    @Test
    void shouldFlagCompactBlocksDashCoreScoresAsInvalid()
    {
        final byte[] block = Vectors.block("mainnet-1879105");
        final BlockView view = new BlockView().wrap(new UnsafeBuffer(block), 0, block.length);
        // No transactions at all.
        first.putBytes(0, block, 0, BlockView.HEADER_LENGTH);
        int length = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET;
        length += VarInt.write(first, length, 0);
        length += VarInt.write(first, length, 0);
        assertFalse(decode(first, length).cmpctBlock().indexesValid());
        // A prefilled index beyond the short ids plus the prefilled before it: 2 ids, prefilled at 3.
        final boolean[] prefilled = {false, false, false, true};
        final int written = encodeGeneral(first, view, 9, prefilled, new ShortIds());
        final CmpctBlockFlyweight ok = decode(first, written).cmpctBlock();
        assertTrue(ok.indexesValid());
        // Rewrite the delta 3 as 4: index 4 in a block of 4 transactions.
        final int deltaAt = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET + 1 + 3 * ShortIds.LENGTH + 1;
        assertEquals(3, first.getByte(deltaAt));
        first.putByte(deltaAt, (byte)4);
        assertFalse(decode(first, written).cmpctBlock().indexesValid());
    }

    private void assertError(final ProtocolError expected, final Command command, final int length)
    {
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> decoder.decode(command, exact(first, length), 0, length));
        assertEquals(expected, ex.error(), ex.getMessage());
    }

    private int[] randomIndexes(final int max)
    {
        final int[] all = new int[max];
        int n = 0;
        final int stride = 1 + random.nextInt(4);
        for (int i = 0; i < max && i <= GetBlockTxnFlyweight.MAX_INDEX; i += 1 + random.nextInt(stride))
        {
            all[n++] = i;
        }
        return Arrays.copyOf(all, n);
    }

    private static int encodeGeneral(
        final ExpandableArrayBuffer dst, final BlockView view, final long nonce, final boolean[] prefilled, final ShortIds ids)
    {
        final int n = view.transactionCount();
        dst.putBytes(0, view.buffer(), view.offset(), BlockView.HEADER_LENGTH);
        dst.putLong(CmpctBlockFlyweight.NONCE_OFFSET, nonce, LITTLE_ENDIAN);
        ids.keys(dst, 0);
        int p = 0;
        for (final boolean b : prefilled)
        {
            p += b ? 1 : 0;
        }
        int position = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET;
        position += VarInt.write(dst, position, n - p);
        for (int i = 0; i < n; i++)
        {
            if (!prefilled[i])
            {
                CmpctBlockFlyweight.putShortId(dst, position,
                    ids.shortIdOfTransaction(view.buffer(), view.transactionOffset(i), view.transactionLength(i)));
                position += ShortIds.LENGTH;
            }
        }
        position += VarInt.write(dst, position, p);
        int previous = -1;
        for (int i = 0; i < n; i++)
        {
            if (prefilled[i])
            {
                position += VarInt.write(dst, position, i - previous - 1);
                previous = i;
                dst.putBytes(position, view.buffer(), view.transactionOffset(i), view.transactionLength(i));
                position += view.transactionLength(i);
            }
        }
        return position;
    }

    private static int reencode(final CmpctBlockFlyweight c, final ExpandableArrayBuffer dst)
    {
        final DirectBuffer src = c.buffer();
        dst.putBytes(0, src, c.headerOffset(), BlockView.HEADER_LENGTH);
        dst.putLong(CmpctBlockFlyweight.NONCE_OFFSET, c.nonce(), LITTLE_ENDIAN);
        int position = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET;
        position += VarInt.write(dst, position, c.shortIdCount());
        for (int i = 0; i < c.shortIdCount(); i++)
        {
            CmpctBlockFlyweight.putShortId(dst, position, c.shortId(i));
            position += ShortIds.LENGTH;
        }
        position += VarInt.write(dst, position, c.prefilledCount());
        int previous = -1;
        for (int i = 0; i < c.prefilledCount(); i++)
        {
            position += VarInt.write(dst, position, c.prefilledIndex(i) - previous - 1);
            previous = c.prefilledIndex(i);
            dst.putBytes(position, src, c.prefilledOffset(i), c.prefilledLength(i));
            position += c.prefilledLength(i);
        }
        return position;
    }

    private MessageDecoder decode(final ExpandableArrayBuffer buffer, final int length)
    {
        return decode(Command.CMPCTBLOCK, buffer, length);
    }

    private MessageDecoder decode(final Command command, final ExpandableArrayBuffer buffer, final int length)
    {
        assertTrue(MessageDecoder.isValidated(command));
        decoder.decode(command, exact(buffer, length), 0, length);
        return decoder;
    }

    /** A copy in an exactly sized buffer, so a read past the payload fails. */
    private static UnsafeBuffer exact(final ExpandableArrayBuffer buffer, final int length)
    {
        return new UnsafeBuffer(Arrays.copyOf(buffer.byteArray(), length));
    }
}
