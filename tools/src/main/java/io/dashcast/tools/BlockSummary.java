package io.dashcast.tools;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Hashes;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;

import java.util.List;
import java.util.Locale;

/**
 * What {@code dashcast decode} says about a block, hashes in display (reversed) order as dashd's
 * RPC shows them. Field names in {@link #toJson()} are those of dashd's {@code getblock} where
 * one exists ({@code nTx}, {@code versionHex}...); {@code merkleroot_valid} and
 * {@code computed_merkleroot} are ours.
 *
 * @param hash               X11 of the header.
 * @param previousBlockHash  previous block hash from the header (all zeros for a genesis block).
 * @param merkleRoot         merkle root from the header.
 * @param computedMerkleRoot merkle root of the transactions' txids.
 * @param version            header version.
 * @param time               header time, seconds since the epoch.
 * @param bits               compact difficulty target.
 * @param nonce              header nonce.
 * @param size               bytes of the serialized block.
 * @param txids              txids in block order.
 */
public record BlockSummary(
    String hash,
    String previousBlockHash,
    String merkleRoot,
    String computedMerkleRoot,
    int version,
    long time,
    long bits,
    long nonce,
    int size,
    List<String> txids)
{
    /**
     * @param txids copied, so the record is immutable.
     */
    public BlockSummary
    {
        txids = List.copyOf(txids);
    }

    /**
     * Summarise a block a {@link BlockView} has wrapped.
     *
     * @param block   wrapped, well-formed block.
     * @param x11     hasher for the block hash.
     * @param sha256d hasher for txids and the merkle root.
     * @return the summary.
     */
    public static BlockSummary of(final BlockView block, final X11 x11, final Sha256d sha256d)
    {
        final byte[] scratch = new byte[Sha256d.HASH_LENGTH];
        block.hash(x11, scratch, 0);
        final String hash = Hashes.toDisplayHex(scratch, 0);
        block.prevHash(scratch, 0);
        final String previous = Hashes.toDisplayHex(scratch, 0);
        block.merkleRoot(scratch, 0);
        final String merkleRoot = Hashes.toDisplayHex(scratch, 0);
        block.computeMerkleRoot(sha256d, scratch, 0);
        final String computed = Hashes.toDisplayHex(scratch, 0);
        final String[] txids = new String[block.transactionCount()];
        for (int i = 0; i < txids.length; i++)
        {
            block.txid(i, sha256d, scratch, 0);
            txids[i] = Hashes.toDisplayHex(scratch, 0);
        }
        return new BlockSummary(
            hash, previous, merkleRoot, computed, block.version(), block.time(), block.bits(), block.nonce(),
            block.length(), List.of(txids));
    }

    /**
     * @return true when the transactions hash to the header's merkle root.
     */
    public boolean merkleRootValid()
    {
        return merkleRoot.equals(computedMerkleRoot);
    }

    /**
     * @return {@code bits} as dashd prints it: eight lowercase hex digits.
     */
    public String bitsHex()
    {
        return String.format(Locale.ROOT, "%08x", bits);
    }

    /**
     * @return {@code version} as dashd's {@code versionHex}: eight lowercase hex digits.
     */
    public String versionHex()
    {
        return String.format(Locale.ROOT, "%08x", version);
    }

    /**
     * The JSON {@code dashcast decode} prints: one field per line, in a fixed order. Every value
     * is a number, a boolean or a hex string, so nothing needs escaping.
     *
     * @return the JSON object, ending with a line break.
     */
    public String toJson()
    {
        final StringBuilder json = new StringBuilder(256 + txids.size() * 72);
        json.append("{\n");
        field(json, "hash", quote(hash));
        field(json, "previousblockhash", quote(previousBlockHash));
        field(json, "merkleroot", quote(merkleRoot));
        field(json, "merkleroot_valid", Boolean.toString(merkleRootValid()));
        field(json, "computed_merkleroot", quote(computedMerkleRoot));
        field(json, "version", Integer.toString(version));
        field(json, "versionHex", quote(versionHex()));
        field(json, "time", Long.toString(time));
        field(json, "bits", quote(bitsHex()));
        field(json, "nonce", Long.toString(nonce));
        field(json, "size", Integer.toString(size));
        field(json, "nTx", Integer.toString(txids.size()));
        json.append("  \"tx\": [");
        for (int i = 0; i < txids.size(); i++)
        {
            json.append(i == 0 ? "\n" : ",\n").append("    ").append(quote(txids.get(i)));
        }
        json.append(txids.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
        return json.toString();
    }

    private static void field(final StringBuilder json, final String name, final String value)
    {
        json.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    private static String quote(final String hex)
    {
        return '"' + hex + '"';
    }
}
