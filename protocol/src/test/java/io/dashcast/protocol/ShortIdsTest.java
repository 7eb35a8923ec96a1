package io.dashcast.protocol;

import io.dashcast.protocol.message.CmpctBlockFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ShortIds} against the SipHash paper's reference vectors and against the recorded BIP152
 * vectors in {@code vectors/shortids.tsv} (computed by an independent JavaScript oracle), and its
 * allocation-free 32-byte SipHash against its general one on random inputs.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShortIdsTest
{
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    @Test
    void shouldMatchTheSipHashPaperVectors()
    {
        assertEquals(0xa129ca6149be45e5L, ShortIds.sipHash(K0, K1, counting(15), 0, 15));
        assertEquals(0x726fdb47dd0e0e31L, ShortIds.sipHash(K0, K1, counting(0), 0, 0));
        assertEquals(0x7127512f72f27cceL, ShortIds.sipHash(K0, K1, counting(32), 0, 32));
        assertEquals(0x7127512f72f27cceL, ShortIds.sipHash32(K0, K1, counting(32), 0));
    }

    @Test
    void shouldAgreeWithTheGeneralSipHashOnRandomTxids()
    {
        final Random random = new Random(152);
        final byte[] txid = new byte[32];
        final UnsafeBuffer buffer = new UnsafeBuffer(txid);
        for (int i = 0; i < 10_000; i++)
        {
            random.nextBytes(txid);
            final long k0 = random.nextLong();
            final long k1 = random.nextLong();
            assertEquals(ShortIds.sipHash(k0, k1, buffer, 0, 32), ShortIds.sipHash32(k0, k1, buffer, 0));
            final long id = new ShortIds().keys(k0, k1).shortId(txid, 0);
            assertEquals(ShortIds.sipHash32(k0, k1, buffer, 0) & 0xffff_ffff_ffffL, id);
        }
    }

    @Test
    void shouldReproduceTheRecordedShortIdVectors()
    {
        final List<String[]> rows = rows();
        assertEquals(3, rows.size());
        final Sha256d sha256d = new Sha256d();
        final byte[] txid = new byte[32];
        for (final String[] row : rows)
        {
            final byte[] block = Vectors.block(row[0]);
            final BlockView view = new BlockView().wrap(new UnsafeBuffer(block), 0, block.length);
            final UnsafeBuffer keyInput = new UnsafeBuffer(new byte[ShortIds.KEY_INPUT_LENGTH]);
            keyInput.putBytes(0, block, 0, BlockView.HEADER_LENGTH);
            keyInput.putBytes(BlockView.HEADER_LENGTH, Vectors.HEX.parseHex(row[1]));
            final ShortIds ids = new ShortIds().keys(keyInput, 0);
            assertEquals(Long.parseUnsignedLong(row[2], 16), ids.k0(), row[0] + " k0");
            assertEquals(Long.parseUnsignedLong(row[3], 16), ids.k1(), row[0] + " k1");
            final String[] expected = row[4].split(",");
            assertEquals(view.transactionCount() - 1, expected.length);
            for (int i = 1; i < view.transactionCount(); i++)
            {
                view.txid(i, sha256d, txid, 0);
                final long fromTxid = ids.shortId(txid, 0);
                final long fromTx = ids.shortIdOfTransaction(view.buffer(), view.transactionOffset(i),
                    view.transactionLength(i));
                assertEquals(Long.parseLong(expected[i - 1], 16), fromTxid, row[0] + " tx " + i);
                assertEquals(fromTxid, fromTx);
            }

            // The encoder writes those ids, the coinbase prefilled at 0, keyed by the same nonce.
            final UnsafeBuffer encoded = new UnsafeBuffer(new byte[CmpctBlockFlyweight.encodedLength(view)]);
            final long nonce = keyInput.getLong(BlockView.HEADER_LENGTH, LITTLE_ENDIAN);
            assertEquals(encoded.capacity(), CmpctBlockFlyweight.encode(encoded, 0, view, nonce, new ShortIds()));
            final CmpctBlockFlyweight cmpct = new CmpctBlockFlyweight().wrap(encoded, 0, encoded.capacity());
            assertEquals(nonce, cmpct.nonce());
            assertEquals(1, cmpct.prefilledCount());
            assertEquals(0, cmpct.prefilledIndex(0));
            assertEquals(view.transactionLength(0), cmpct.prefilledLength(0));
            assertTrue(cmpct.indexesValid());
            for (int i = 0; i < expected.length; i++)
            {
                assertEquals(Long.parseLong(expected[i], 16), cmpct.shortId(i));
            }
        }
    }

    static List<String[]> rows()
    {
        final List<String[]> rows = new ArrayList<>();
        for (final String line : Vectors.text("shortids.tsv").split("\n"))
        {
            if (!line.startsWith("#") && !line.isBlank())
            {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    private static UnsafeBuffer counting(final int length)
    {
        final byte[] bytes = new byte[Math.max(length, 1)];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)i;
        }
        return new UnsafeBuffer(bytes);
    }
}
