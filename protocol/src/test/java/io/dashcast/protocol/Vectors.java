package io.dashcast.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the test vectors copied from shared/vectors into {@code src/test/resources/vectors}.
 */
public final class Vectors
{
    public static final HexFormat HEX = HexFormat.of();

    /** Block files, in a fixed order. */
    public static final List<String> BLOCK_NAMES = List.of(
        "genesis-mainnet", "genesis-testnet3", "genesis-regtest", "mainnet-1", "mainnet-842285",
        "mainnet-1879105", "mainnet-2045354-protx-register", "testnet-2017-000000000fba0622");

    private Vectors()
    {
    }

    /** One line of x11.tsv. */
    public record X11Vector(String name, byte[] input, String digestHex)
    {
    }

    /** One line of frames.tsv. */
    public record FrameVector(String label, Network network, String command, byte[] payload, byte[] frame)
    {
    }

    /** One line of txids.tsv. */
    public record TxVector(String txidDisplayHex, int version, int type, int size)
    {
    }

    /** One row of blocks/README.md's table. */
    public record BlockVector(String name, byte[] bytes, String hashDisplayHex, int txCount, List<TxVector> txs)
    {
    }

    public static String text(final String resource)
    {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing test resource vectors/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static List<X11Vector> x11()
    {
        final List<X11Vector> vectors = new ArrayList<>();
        String name = "";
        for (final String line : text("x11.tsv").split("\n"))
        {
            if (line.startsWith("#"))
            {
                name = line.substring(1).trim();
                continue;
            }
            if (line.isBlank())
            {
                continue;
            }
            final String[] cols = line.split("\t", -1);
            vectors.add(new X11Vector(name, HEX.parseHex(cols[0].trim()), cols[1].trim()));
        }
        return vectors;
    }

    public static List<FrameVector> frames()
    {
        final List<FrameVector> vectors = new ArrayList<>();
        for (final String line : text("frames.tsv").split("\n"))
        {
            if (line.startsWith("#") || line.isBlank())
            {
                continue;
            }
            final String[] cols = line.split("\t", -1);
            vectors.add(new FrameVector(cols[0], Network.fromName(cols[1]), cols[2],
                HEX.parseHex(cols[3].trim()), HEX.parseHex(cols[4].trim())));
        }
        return vectors;
    }

    public static byte[] block(final String name)
    {
        return HEX.parseHex(text("blocks/" + name + ".hex").trim());
    }

    public static List<BlockVector> blocks()
    {
        final Map<String, List<TxVector>> txids = new LinkedHashMap<>();
        for (final String line : text("blocks/txids.tsv").split("\n"))
        {
            if (line.startsWith("#") || line.isBlank())
            {
                continue;
            }
            final String[] cols = line.split("\t");
            final List<TxVector> txs = txids.computeIfAbsent(cols[0], k -> new ArrayList<>());
            if (Integer.parseInt(cols[1]) != txs.size())
            {
                throw new IllegalStateException("txids.tsv out of order at " + line);
            }
            txs.add(new TxVector(cols[2], Integer.parseInt(cols[3]), Integer.parseInt(cols[4]),
                Integer.parseInt(cols[5])));
        }
        final Map<String, String[]> table = new LinkedHashMap<>();
        for (final String line : text("blocks/README.md").split("\n"))
        {
            final String[] cols = line.split("\\|");
            if (cols.length > 6 && cols[1].trim().endsWith(".hex"))
            {
                table.put(cols[1].trim().replace(".hex", ""), cols);
            }
        }
        final List<BlockVector> blocks = new ArrayList<>();
        for (final String name : BLOCK_NAMES)
        {
            final String[] cols = table.get(name);
            if (cols == null)
            {
                throw new IllegalStateException("no README row for " + name);
            }
            blocks.add(new BlockVector(name, block(name), cols[4].trim(), Integer.parseInt(cols[5].trim()),
                txids.getOrDefault(name, List.of())));
        }
        return blocks;
    }
}
