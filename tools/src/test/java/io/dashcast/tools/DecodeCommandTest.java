package io.dashcast.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class DecodeCommandTest
{
    private static final HexFormat HEX = HexFormat.of();
    private static final String SMALL = "mainnet-1879105";

    @TempDir
    Path tmp;

    static Stream<BlockVectors.Vector> vectors()
    {
        return BlockVectors.all().stream();
    }

    @Test
    void shouldFindEveryVectorInTheReadme()
    {
        assertEquals(8, BlockVectors.all().size());
        assertEquals(3, BlockVectors.genesis().size());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldDecodeEveryVectorBlockFromAFile(final BlockVectors.Vector vector) throws IOException
    {
        final Path file = tmp.resolve(vector.name() + ".hex");
        Files.writeString(file, vector.hex() + "\n");

        final Result result = run(new byte[0], "decode", file.toString());

        assertEquals(0, result.status, result.err);
        assertEquals("", result.err);
        assertMatchesVector(vector, result.out);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldDecodeRawBytesFromStdin(final BlockVectors.Vector vector)
    {
        final Result result = run(HEX.parseHex(vector.hex()), "decode", "-");

        assertEquals(0, result.status, result.err);
        assertMatchesVector(vector, result.out);
    }

    @Test
    void shouldMatchTheReadmeGenesisHeaderFields()
    {
        for (final BlockVectors.Genesis genesis : BlockVectors.genesis())
        {
            final String name = "genesis-" + genesis.network();
            final String hex = BlockVectors.resource(name + ".hex").trim();
            assertTrue(hex.startsWith(genesis.headerHex()), name);

            final Result result = run(hex.getBytes(StandardCharsets.US_ASCII), "decode", "-");

            assertEquals(0, result.status, result.err);
            assertEquals(genesis.hash(), field(result.out, "hash"));
            assertEquals(BlockVectors.GENESIS_MERKLE_ROOT, field(result.out, "merkleroot"));
            assertEquals("0".repeat(64), field(result.out, "previousblockhash"));
            assertEquals(Long.toString(genesis.time()), field(result.out, "time"));
            assertEquals(genesis.bits(), field(result.out, "bits"));
            assertEquals(Long.toString(genesis.nonce()), field(result.out, "nonce"));
            assertEquals("1", field(result.out, "version"));
        }
    }

    @Test
    void shouldTolerateWhitespaceAroundAndInsideHex()
    {
        final String hex = vector(SMALL).hex();
        final StringBuilder wrapped = new StringBuilder("  \r\n\t");
        for (int i = 0; i < hex.length(); i += 60)
        {
            wrapped.append(hex, i, Math.min(hex.length(), i + 60)).append("\r\n");
        }
        wrapped.append("\n\n  ");

        final Result result = run(wrapped.toString().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
            "decode", "-");

        assertEquals(0, result.status, result.err);
        assertMatchesVector(vector(SMALL), result.out);
    }

    static Stream<Arguments> badInputs()
    {
        final String hex = BlockVectors.resource("mainnet-1879105.hex").trim();
        final byte[] raw = HEX.parseHex(hex);
        final byte[] badMerkle = raw.clone();
        badMerkle[36] ^= 1;
        return Stream.of(
            Arguments.of("odd hex", (hex + "0").getBytes(StandardCharsets.US_ASCII), "odd number of hex digits"),
            Arguments.of("non-hex text", ("0100zz" + hex).getBytes(StandardCharsets.US_ASCII), "not hex: 'z' at offset 4"),
            Arguments.of("empty", new byte[0], "empty input"),
            Arguments.of("only whitespace", " \n\n ".getBytes(StandardCharsets.US_ASCII), "empty input"),
            Arguments.of("header only", hex.substring(0, 160).getBytes(StandardCharsets.US_ASCII), "truncated block"),
            Arguments.of("truncated hex", hex.substring(0, hex.length() - 2).getBytes(StandardCharsets.US_ASCII),
                "truncated block"),
            Arguments.of("truncated raw", java.util.Arrays.copyOf(raw, raw.length - 100), "truncated block"),
            Arguments.of("trailing bytes", (hex + "00").getBytes(StandardCharsets.US_ASCII), "trailing bytes"),
            Arguments.of("no transactions", HEX.parseHex(hex.substring(0, 160) + "00"), "malformed block"),
            Arguments.of("merkle mismatch", badMerkle, "merkle root mismatch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void shouldRejectBadInputWithOneLineAndStatus2(final String label, final byte[] input, final String expected)
    {
        final Result result = run(input, "decode", "-");

        assertEquals(DashcastMain.EXIT_BAD_INPUT, result.status, label);
        assertOneErrorLine(result.err, "dashcast decode: ", expected);
    }

    @Test
    void shouldPrintJsonAndThenTheErrorOnMerkleMismatch()
    {
        final byte[] raw = HEX.parseHex(vector(SMALL).hex());
        raw[36] ^= 1;

        final Result result = run(raw, "decode", "-");

        assertEquals(DashcastMain.EXIT_BAD_INPUT, result.status);
        assertEquals("false", field(result.out, "merkleroot_valid"));
        assertEquals(vector(SMALL).txids(), txids(result.out));
        assertTrue(result.err.contains(field(result.out, "computed_merkleroot")), result.err);
        assertTrue(result.err.contains(field(result.out, "merkleroot")), result.err);
    }

    @Test
    void shouldRejectMissingFileDirectoryAndMissingArgument()
    {
        final Result missing = run(new byte[0], "decode", tmp.resolve("absent.hex").toString());
        assertEquals(DashcastMain.EXIT_BAD_INPUT, missing.status);
        assertOneErrorLine(missing.err, "dashcast decode: ", "no such file");

        final Result directory = run(new byte[0], "decode", tmp.toString());
        assertEquals(DashcastMain.EXIT_BAD_INPUT, directory.status);
        assertOneErrorLine(directory.err, "dashcast decode: ", "is a directory");

        final Result noArgument = run(new byte[0], "decode");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, noArgument.status);
        assertOneErrorLine(noArgument.err, "dashcast decode: ", "Missing required parameter");

        final Result unknown = run(new byte[0], "frobnicate");
        assertEquals(DashcastMain.EXIT_BAD_INPUT, unknown.status);
        assertOneErrorLine(unknown.err, "dashcast: ", "frobnicate");
    }

    @Test
    void shouldListDecodeInTopLevelHelp()
    {
        final Result result = run(new byte[0], "--help");

        assertEquals(0, result.status);
        assertTrue(result.out.contains("decode"), result.out);
    }

    static void assertMatchesVector(final BlockVectors.Vector vector, final String json)
    {
        assertEquals(vector.hash(), field(json, "hash"), vector.name());
        assertEquals("true", field(json, "merkleroot_valid"), vector.name());
        assertEquals(field(json, "merkleroot"), field(json, "computed_merkleroot"), vector.name());
        assertEquals(Integer.toString(vector.bytes()), field(json, "size"), vector.name());
        assertEquals(Integer.toString(vector.txCount()), field(json, "nTx"), vector.name());
        assertEquals(vector.txids(), txids(json), vector.name());

        // Header fields, read here from the hex independently of BlockView.
        final byte[] header = HEX.parseHex(vector.hex().substring(0, 160));
        assertEquals(Integer.toString(le32(header, 0)), field(json, "version"));
        assertEquals(displayHex(header, 4), field(json, "previousblockhash"));
        assertEquals(displayHex(header, 36), field(json, "merkleroot"));
        assertEquals(Long.toString(le32(header, 68) & 0xffff_ffffL), field(json, "time"));
        assertEquals(String.format("%08x", le32(header, 72)), field(json, "bits"));
        assertEquals(Long.toString(le32(header, 76) & 0xffff_ffffL), field(json, "nonce"));
    }

    static void assertOneErrorLine(final String err, final String prefix, final String expected)
    {
        final String[] lines = err.split("\n", -1);
        assertEquals(2, lines.length, "exactly one line ending in a newline: " + err);
        assertEquals("", lines[1], err);
        assertTrue(lines[0].startsWith(prefix), err);
        assertTrue(lines[0].contains(expected), "expected '" + expected + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }

    static String field(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\": \"?([^\",\\n]*)\"?,?\\n").matcher(json);
        assertTrue(m.find(), "no field " + name + " in " + json);
        return m.group(1);
    }

    static List<String> txids(final String json)
    {
        final int start = json.indexOf("\"tx\": [");
        assertTrue(start >= 0, json);
        final Matcher m = Pattern.compile("\"([0-9a-f]{64})\"").matcher(json.substring(start));
        final List<String> txids = new ArrayList<>();
        while (m.find())
        {
            txids.add(m.group(1));
        }
        return txids;
    }

    private static BlockVectors.Vector vector(final String name)
    {
        return BlockVectors.all().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static int le32(final byte[] b, final int offset)
    {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16 | b[offset + 3] << 24;
    }

    private static String displayHex(final byte[] b, final int offset)
    {
        final byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            reversed[i] = b[offset + 31 - i];
        }
        return HEX.formatHex(reversed);
    }

    static Result run(final byte[] stdin, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final picocli.CommandLine commandLine = DashcastMain.commandLine(new ByteArrayInputStream(stdin));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int status = commandLine.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    record Result(int status, String out, String err)
    {
    }
}
