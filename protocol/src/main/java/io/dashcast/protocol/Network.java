package io.dashcast.protocol;

/**
 * The Dash networks dashcast can speak to: the 4-byte message start ("magic"), the default P2P
 * port, the genesis block hash and the protocol versions, as Dash Core v22.1.1 defines them
 * ({@code src/chainparams.cpp}, {@code src/version.h} at tag v22.1.1).
 * <p>
 * The magic is kept as the little-endian {@code int} read from the first four bytes of a frame,
 * so a header check is one {@code getInt} and one compare.
 */
public enum Network
{
    MAINNET("main", 0xbd6b0cbf, 9999, "00000ffd590b1485b3caadc19b22e6379c733355108f107a430458cdf3407ab6",
        "dnsseed.dash.org"),
    TESTNET("test", 0xffcae2ce, 19999, "00000bafbc94add76cb75e2ec92894837288a481e5c005f6563d91623bf8bc2c",
        "testnet-seed.dashdot.io"),
    REGTEST("regtest", 0xdcb7c1fc, 19899, "000008ca1832a4baf228eb1553c03d3a2c8e02399550dd6ea8d65cec3ef23d2e"),
    /** Height 0 of a devnet is the regtest genesis; its height-1 block depends on the devnet name. */
    DEVNET("devnet", 0xceffcae2, 19799, "000008ca1832a4baf228eb1553c03d3a2c8e02399550dd6ea8d65cec3ef23d2e");

    /** PROTOCOL_VERSION of Dash Core v22.1.1, the current release (seen on a running node). */
    public static final int PROTOCOL_VERSION = 70235;
    /** MIN_PEER_PROTO_VERSION: Dash Core disconnects peers below this. */
    public static final int MIN_PEER_PROTO_VERSION = 70216;
    /** Version from which Dash Core sends and accepts {@code sendaddrv2} before verack. */
    public static final int ADDRV2_VERSION = 70223;
    /** MAX_PROTOCOL_MESSAGE_LENGTH in {@code src/net.h}: 3 MiB. */
    public static final int MAX_PROTOCOL_MESSAGE_LENGTH = 3 * 1024 * 1024;
    /** MAX_DIP0001_BLOCK_SIZE in {@code src/consensus/consensus.h}. */
    public static final int MAX_BLOCK_SIZE = 2_000_000;
    /** MAX_INV_SZ in {@code src/net_processing.cpp}. */
    public static final int MAX_INV_SIZE = 50_000;
    /** MAX_HEADERS_RESULTS: headers per {@code headers} message. */
    public static final int MAX_HEADERS_RESULTS = 2_000;

    private final String cliName;
    private final int magic;
    private final int defaultPort;
    private final String genesisHashHex;
    private final String[] dnsSeeds;

    Network(final String cliName, final int magic, final int defaultPort, final String genesisHashHex,
        final String... dnsSeeds)
    {
        this.cliName = cliName;
        this.magic = magic;
        this.defaultPort = defaultPort;
        this.genesisHashHex = genesisHashHex;
        this.dnsSeeds = dnsSeeds;
    }

    /**
     * The DNS seeds of {@code vSeeds} in Dash Core v22.1.1's {@code src/chainparams.cpp}: names whose
     * A/AAAA records are nodes of the network listening on {@link #defaultPort()}.
     *
     * @return the seed names (none for regtest and devnet).
     */
    public java.util.List<String> dnsSeeds()
    {
        return java.util.List.of(dnsSeeds);
    }

    /**
     * The message start as the little-endian int of the four bytes on the wire.
     *
     * @return magic as read by {@code buffer.getInt(offset, LITTLE_ENDIAN)}.
     */
    public int magic()
    {
        return magic;
    }

    /**
     * @return default P2P port.
     */
    public int defaultPort()
    {
        return defaultPort;
    }

    /**
     * @return genesis block hash in display (reversed) order.
     */
    public String genesisHashHex()
    {
        return genesisHashHex;
    }

    /**
     * @return the name used on the command line and in config files (main, test, regtest, devnet).
     */
    public String cliName()
    {
        return cliName;
    }

    /**
     * Find a network by its command-line name or enum name, case-insensitive.
     *
     * @param name such as "main", "mainnet", "test", "testnet", "testnet3", "regtest", "devnet".
     * @return the network.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static Network fromName(final String name)
    {
        for (final Network network : values())
        {
            if (network.cliName.equalsIgnoreCase(name) || network.name().equalsIgnoreCase(name) ||
                (network == TESTNET && "testnet3".equalsIgnoreCase(name)))
            {
                return network;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "': use main, test, regtest or devnet");
    }
}
