package io.dashcast.sim;

import io.dashcast.protocol.Network;

import java.util.HexFormat;

/**
 * Genesis blocks of the Dash networks, as {@code src/chainparams.cpp} (v22.1.1) builds them: every
 * network shares the mainnet genesis coinbase, only the 80-byte header differs. Devnet height 0 is
 * the regtest genesis. Checked against {@code /work/shared/vectors/blocks/genesis-*.hex} and the
 * hashes in {@link Network#genesisHashHex()} by the sim's tests.
 */
final class Genesis
{
    private static final String MAINNET_HEADER =
        "010000000000000000000000000000000000000000000000000000000000000000000000" +
        "c762a6567f3cc092f0684bb62b7e00a84890b990f07cc71a6bb58d64b98e02e0022ddb52f0ff0f1ec23fb901";
    private static final String TESTNET_HEADER =
        "010000000000000000000000000000000000000000000000000000000000000000000000" +
        "c762a6567f3cc092f0684bb62b7e00a84890b990f07cc71a6bb58d64b98e02e0dee1e352f0ff0f1ec3c927e6";
    private static final String REGTEST_HEADER =
        "010000000000000000000000000000000000000000000000000000000000000000000000" +
        "c762a6567f3cc092f0684bb62b7e00a84890b990f07cc71a6bb58d64b98e02e0b9968054ffff7f20ffba1000";
    /** Transaction count and the coinbase shared by all networks. */
    private static final String BODY =
        "0101000000010000000000000000000000000000000000000000000000000000000000000000ffffffff" +
        "6204ffff001d01044c5957697265642030392f4a616e2f3230313420546865204772616e64204578706572696d656e" +
        "7420476f6573204c6976653a204f76657273746f636b2e636f6d204973204e6f7720416363657074696e6720426974" +
        "636f696e73ffffffff0100f2052a010000004341040184710fa689ad5023690c80f3a49c8f13f8d45b8c857fbcbc8b" +
        "c4a8e4d3eb4b10f4d4604fa08dce601aaf0f470216fe1b51850b4acf21b179c45070ac7b03a9ac00000000";

    private Genesis()
    {
    }

    /**
     * @param network whose genesis block is wanted.
     * @return a fresh copy of the full serialized genesis block.
     */
    static byte[] block(final Network network)
    {
        return HexFormat.of().parseHex(header(network) + BODY);
    }

    private static String header(final Network network)
    {
        switch (network)
        {
            case MAINNET:
                return MAINNET_HEADER;
            case TESTNET:
                return TESTNET_HEADER;
            default:
                return REGTEST_HEADER;
        }
    }
}
