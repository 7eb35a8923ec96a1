package io.dashcast.protocol;

import io.dashcast.protocol.message.MessageDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance test 1: every vector copied from shared/vectors decodes to what it lists.
 */
class VectorsTest
{
    private static final HexFormat HEX = HexFormat.of();
    private static final String GENESIS_MERKLE_ROOT = "e0028eb9648db56b1ac77cf090b99048a8007e2bb64b68f092c03c7f56a662c7";

    private final X11 x11 = new X11();
    private final Sha256d sha256d = new Sha256d();

    @Test
    void shouldHashEveryX11Vector()
    {
        final List<Vectors.X11Vector> vectors = Vectors.x11();
        assertEquals(16, vectors.size(), "x11.tsv holds 16 vectors (sources.md says 27)");
        final byte[] digest = new byte[X11.HASH_LENGTH];
        for (final Vectors.X11Vector vector : vectors)
        {
            x11.hash(vector.input(), 0, vector.input().length, digest, 0);
            assertEquals(vector.digestHex(), HEX.formatHex(digest), vector.name());

            final UnsafeBuffer exact = new UnsafeBuffer(vector.input().clone());
            x11.hash(exact, 0, exact.capacity(), digest, 0);
            assertEquals(vector.digestHex(), HEX.formatHex(digest), "via buffer: " + vector.name());
        }
    }

    @Test
    void shouldDecodeEveryBlockToItsHashTxidsAndMerkleRoot()
    {
        final List<Vectors.BlockVector> blocks = Vectors.blocks();
        assertEquals(8, blocks.size());
        final BlockView view = new BlockView();
        final byte[] hash = new byte[32];
        final byte[] root = new byte[32];
        int txChecked = 0;
        for (final Vectors.BlockVector block : blocks)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(block.bytes());
            view.wrap(buffer, 0, buffer.capacity());
            view.hash(x11, hash, 0);
            assertEquals(block.hashDisplayHex(), Hashes.toDisplayHex(hash, 0), block.name());
            assertEquals(block.txCount(), view.transactionCount(), block.name());
            view.computeMerkleRoot(sha256d, root, 0);
            final byte[] headerRoot = new byte[32];
            view.merkleRoot(headerRoot, 0);
            assertArrayEquals(headerRoot, root, block.name());
            assertTrue(view.merkleRootMatches(sha256d, new byte[32]), block.name());

            if (block.name().startsWith("genesis"))
            {
                assertEquals(GENESIS_MERKLE_ROOT, Hashes.toDisplayHex(root, 0));
                view.txid(0, sha256d, hash, 0);
                assertEquals(GENESIS_MERKLE_ROOT, Hashes.toDisplayHex(hash, 0));
                continue;
            }
            assertEquals(block.txCount(), block.txs().size(), block.name());
            for (int i = 0; i < view.transactionCount(); i++)
            {
                final Vectors.TxVector tx = block.txs().get(i);
                view.txid(i, sha256d, hash, 0);
                final String where = block.name() + " tx " + i;
                assertEquals(tx.txidDisplayHex(), Hashes.toDisplayHex(hash, 0), where);
                assertEquals(tx.version(), view.transactionVersion(i), where);
                assertEquals(tx.type(), view.transactionType(i), where);
                assertEquals(tx.size(), view.transactionLength(i), where);
                txChecked++;
            }
        }
        assertEquals(50, txChecked, "txids.tsv lists 50 transactions");
    }

    @Test
    void shouldReproduceEveryFrameAndAcceptIt()
    {
        final List<Vectors.FrameVector> frames = Vectors.frames();
        assertEquals(10, frames.size());
        final MessageDecoder decoder = new MessageDecoder();
        for (final Vectors.FrameVector vector : frames)
        {
            final Command command = commandNamed(vector.command());
            final UnsafeBuffer out = new UnsafeBuffer(new byte[vector.frame().length]);
            out.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, vector.payload());
            final int length = new MessageFramer(vector.network()).frame(out, 0, command, vector.payload().length);
            assertEquals(vector.frame().length, length, vector.label());
            assertArrayEquals(vector.frame(), out.byteArray(), vector.label());

            final UnsafeBuffer in = new UnsafeBuffer(vector.frame().clone());
            final FrameDecoder frameDecoder = new FrameDecoder(vector.network());
            assertEquals(vector.frame().length, frameDecoder.decode(in, 0, in.capacity()), vector.label());
            assertEquals(command, frameDecoder.command(), vector.label());
            assertEquals(vector.command(), frameDecoder.header().commandName());
            assertEquals(command, decoder.decodeFrame(frameDecoder, in, 0), vector.label());
            assertEquals(0, frameDecoder.decode(in, 0, in.capacity() - 1), "one byte short: " + vector.label());
        }
    }

    @Test
    void shouldDecodeTheVersionVectorFieldByField()
    {
        final Vectors.FrameVector vector = Vectors.frames().stream()
            .filter(f -> f.command().equals("version")).findFirst().orElseThrow();
        final UnsafeBuffer payload = new UnsafeBuffer(vector.payload());
        final MessageDecoder decoder = new MessageDecoder();
        decoder.decode(Command.VERSION, payload, 0, payload.capacity());
        assertEquals(70238, decoder.version().protocolVersion());
        assertEquals(0, decoder.version().services());
        assertEquals(1_700_000_000L, decoder.version().time());
        assertEquals(1, decoder.version().addrYouServices());
        assertEquals(9999, decoder.version().addrYouPort());
        assertEquals(0x1122334455667788L, decoder.version().nonce());
        assertEquals("/test:0.0.1/", decoder.version().userAgent());
        assertEquals(0, decoder.version().startHeight());
        assertEquals(false, decoder.version().relay());
        assertEquals(false, decoder.version().masternodeConnection());
    }

    private static Command commandNamed(final String name)
    {
        for (final Command command : Command.values())
        {
            if (command.wireName().equals(name))
            {
                return command;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
