package io.dashcast.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Dash blocks copied from {@code /work/shared/vectors/blocks}: their hex and the facts
 * stated in its README.md and txids.tsv, read here independently of the code under test.
 */
final class BlockVectors
{
    /**
     * One row of the README's block table plus its txids.tsv rows.
     *
     * @param name    file name without {@code .hex}.
     * @param hash    block hash, display order.
     * @param txCount transactions.
     * @param bytes   serialized size.
     * @param txids   txids in order, display order.
     */
    record Vector(String name, String hash, int txCount, int bytes, List<String> txids)
    {
        String hex()
        {
            return resource(name + ".hex").trim();
        }

        @Override
        public String toString()
        {
            return name;
        }
    }

    /**
     * Header fields the README states for the genesis blocks.
     *
     * @param network    name in the README table.
     * @param hash       block hash.
     * @param time       nTime.
     * @param bits       nBits as 8 hex digits.
     * @param nonce      nNonce.
     * @param headerHex  the 80-byte header.
     */
    record Genesis(String network, String hash, long time, String bits, long nonce, String headerHex)
    {
    }

    /** Merkle root shared by the genesis blocks, as the README states it. */
    static final String GENESIS_MERKLE_ROOT = "e0028eb9648db56b1ac77cf090b99048a8007e2bb64b68f092c03c7f56a662c7";

    private BlockVectors()
    {
    }

    static List<Vector> all()
    {
        final Map<String, List<String>> txids = new LinkedHashMap<>();
        for (final String line : resource("txids.tsv").split("\n"))
        {
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final String[] cells = line.split("\t");
            txids.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells[2]);
        }
        final List<Vector> vectors = new ArrayList<>();
        for (final String line : resource("README.md").split("\n"))
        {
            final String[] cells = cells(line);
            if (cells.length >= 6 && cells[0].endsWith(".hex"))
            {
                final String name = cells[0].substring(0, cells[0].length() - 4);
                final int txCount = Integer.parseInt(cells[4]);
                // The genesis blocks are not in txids.tsv; the README states their one txid.
                final List<String> ids = name.startsWith("genesis-") ?
                    List.of(GENESIS_MERKLE_ROOT) : txids.getOrDefault(name, List.of());
                if (ids.size() != txCount)
                {
                    throw new IllegalStateException(name + ": " + ids.size() + " txids for " + txCount + " txs");
                }
                vectors.add(new Vector(name, cells[3], txCount, Integer.parseInt(cells[5]), ids));
            }
        }
        return vectors;
    }

    static List<Genesis> genesis()
    {
        final List<Genesis> genesis = new ArrayList<>();
        for (final String line : resource("README.md").split("\n"))
        {
            final String[] cells = cells(line);
            if (cells.length == 6 && cells[5].length() == 160)
            {
                genesis.add(new Genesis(cells[0], cells[1], Long.parseLong(cells[2]),
                    cells[3].substring(2), Long.parseLong(cells[4]), cells[5]));
            }
        }
        return genesis;
    }

    static String resource(final String name)
    {
        try (InputStream in = BlockVectors.class.getResourceAsStream("/blocks/" + name))
        {
            if (in == null)
            {
                throw new IllegalStateException("test resource /blocks/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String[] cells(final String line)
    {
        if (!line.startsWith("|") || line.startsWith("|---"))
        {
            return new String[0];
        }
        final String[] raw = line.substring(1).split("\\|");
        final String[] cells = new String[raw.length];
        for (int i = 0; i < raw.length; i++)
        {
            cells[i] = raw[i].trim();
        }
        return cells;
    }
}
