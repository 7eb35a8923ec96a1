package io.dashcast.tools.jsonrpc;

import java.util.HexFormat;

/**
 * The block recorded in {@code vectors/rpc/block-accepted.hex} (regtest height 102, accepted by a
 * real Dash Core v22.1.1) and variants derived from it.
 */
final class RpcVectors
{
    /** vectors/rpc/block-accepted.hex. */
    static final String BLOCK_HEX =
        "000000206bcd1e4d004951d1577a7b680522069efc2caf26ee11fb49713bf32093bbff0e16d0f4f1b9293af9dd394c" +
        "b9eae457784df6cfc809693395a2a6040da554c94ddac5086bffff7f2000000000010200000001000000000000000000" +
        "0000000000000000000000000000000000000000000000ffffffff0401660101ffffffff0100743ba40b0000001976a9" +
        "14fb055d2971bf5c28bc65f794c0ddf1d5e4a0265b88ac00000000";
    /** Its parent, regtest height 101 (display order). */
    static final String PARENT_HASH = "0effbb9320f33b7149fb11ee26af2cfc9e062205687b7a57d15149004d1ecd6b";
    static final String USER = "acceptance";
    static final String PASSWORD = "acceptance";

    private RpcVectors()
    {
    }

    static byte[] block()
    {
        return HexFormat.of().parseHex(BLOCK_HEX);
    }

    /**
     * @return the block with its coinbase output value changed: the header (and so the hash)
     * is the same, the merkle root no longer matches.
     */
    static byte[] alteredCoinbase()
    {
        final byte[] block = block();
        block[block.length - 4 - 26 - 8] ^= 1;
        return block;
    }

    /**
     * @return the block with a parent nobody has.
     */
    static byte[] unknownParent()
    {
        final byte[] block = block();
        block[4] ^= 0x55;
        return block;
    }

    static String hex(final byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }

    static String submitRequest(final String id, final String hex)
    {
        return "{\"jsonrpc\":\"1.0\",\"id\":" + id + ",\"method\":\"submitblock\",\"params\":[\"" + hex + "\"]}";
    }
}
