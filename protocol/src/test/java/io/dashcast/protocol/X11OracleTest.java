package io.dashcast.protocol;

import fr.cryptohash.BLAKE512;
import fr.cryptohash.BMW512;
import fr.cryptohash.CubeHash512;
import fr.cryptohash.Digest;
import fr.cryptohash.ECHO512;
import fr.cryptohash.Groestl512;
import fr.cryptohash.JH512;
import fr.cryptohash.Keccak512;
import fr.cryptohash.Luffa512;
import fr.cryptohash.SHAvite512;
import fr.cryptohash.SIMD512;
import fr.cryptohash.Skein512;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link X11} on block headers against two independent implementations: npm
 * {@code @dashevo/x11-hash-js} (one node process for every case) on every vector of
 * {@code x11.tsv} and {@code x11.oracle.headers} random 80-byte headers (20,000 by default in CI; run once
 * with 1,000,000, see docs/x11-2026-12-06.md), and saphir-hash-core on
 * {@code x11.saphir.headers} random headers (250,000 by default in CI; 1,000,000 recorded).
 */
class X11OracleTest
{
    private static final HexFormat HEX = HexFormat.of();
    private static final int NODE_HEADERS = Integer.getInteger("x11.oracle.headers", 20_000);
    private static final int SAPHIR_HEADERS = Integer.getInteger("x11.saphir.headers", 250_000);

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 1_800, unit = TimeUnit.SECONDS)
    void shouldAgreeWithX11HashJsOnVectorsAndRandomHeaders() throws Exception
    {
        final Path nodeDir = NodeOracleTest.nodeDir();
        final List<Vectors.X11Vector> vectors = Vectors.x11();
        final Path in = temp.resolve("x11-cases.txt");
        final Path out = temp.resolve("x11-answers.txt");
        final Path err = temp.resolve("x11-stderr.txt");
        final SplittableRandom random = new SplittableRandom(0x11_0ac1eL);
        final byte[] header = new byte[80];
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.US_ASCII))
        {
            for (final Vectors.X11Vector vector : vectors)
            {
                w.write("x11 " + HEX.formatHex(vector.input()) + "\n");
            }
            for (int i = 0; i < NODE_HEADERS; i++)
            {
                random.nextBytes(header);
                w.write("x11 " + HEX.formatHex(header) + "\n");
            }
        }
        final Process process = new ProcessBuilder("node", "oracle.js", in.toAbsolutePath().toString())
            .directory(nodeDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(1_700, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("node oracle did not finish");
        }
        assertEquals(0, process.exitValue(), () -> "node oracle failed");

        final X11 x11 = new X11();
        final byte[] digest = new byte[X11.HASH_LENGTH];
        final SplittableRandom replay = new SplittableRandom(0x11_0ac1eL);
        int checked = 0;
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.US_ASCII))
        {
            for (final Vectors.X11Vector vector : vectors)
            {
                final byte[] input = vector.input();
                x11.hash(input, 0, input.length, digest, 0);
                assertEquals("x11\t" + HEX.formatHex(digest), r.readLine(), "vector " + checked);
                assertEquals(vector.digestHex(), HEX.formatHex(digest), "vector " + checked + " against x11.tsv");
                checked++;
            }
            for (int i = 0; i < NODE_HEADERS; i++)
            {
                replay.nextBytes(header);
                x11.hash(header, 0, 80, digest, 0);
                assertEquals("x11\t" + HEX.formatHex(digest), r.readLine(), "random header " + i);
                checked++;
            }
        }
        assertEquals(vectors.size() + NODE_HEADERS, checked);
        assertTrue(vectors.size() > 0, "no vectors");
    }

    @Test
    @Timeout(value = 1_800, unit = TimeUnit.SECONDS)
    void shouldAgreeWithSaphirOnRandomHeaders()
    {
        final Digest[] chain = {
            new BLAKE512(), new BMW512(), new Groestl512(), new Skein512(), new JH512(), new Keccak512(),
            new Luffa512(), new CubeHash512(), new SHAvite512(), new SIMD512(), new ECHO512() };
        final X11 x11 = new X11();
        final SplittableRandom random = new SplittableRandom(0x5a9_1e5L);
        final byte[] header = new byte[80];
        final byte[] digest = new byte[X11.HASH_LENGTH];
        for (int i = 0; i < SAPHIR_HEADERS; i++)
        {
            random.nextBytes(header);
            byte[] expected = header;
            for (final Digest d : chain)
            {
                expected = d.digest(expected);
            }
            x11.hash(header, 0, 80, digest, 0);
            if (!Arrays.equals(expected, 0, 32, digest, 0, 32))
            {
                fail("header " + i + " " + HEX.formatHex(header) + ": saphir " + HEX.formatHex(expected, 0, 32) +
                    ", dashcast " + HEX.formatHex(digest));
            }
        }
    }
}
