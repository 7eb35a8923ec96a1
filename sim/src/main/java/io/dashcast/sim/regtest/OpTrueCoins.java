package io.dashcast.sim.regtest;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Coins anyone can spend on regtest, so tests can fill a real node's mempool without keys or a
 * wallet: mine to {@link #ADDRESS}, the P2SH address of the one-byte script {@code OP_TRUE}, and
 * spend with the scriptSig {@code 0151} (push of that script). Both are standard, so
 * {@code sendrawtransaction} accepts the spends.
 * <p>
 * Transactions are classic version-2, type-0 Dash transactions:
 * <pre>
 *  version(2) type(0) | n_in | { prev txid (32, internal order) | vout (4) | 02 01 51 | ffffffff } ...
 *  | n_out | { value (8) | 17 a9 14 HASH160(51) 87 } ... | lock time 0
 * </pre>
 */
public final class OpTrueCoins
{
    /** P2SH(OP_TRUE) on regtest/testnet (script prefix 19). */
    public static final String ADDRESS = "8zJctvfrzGZ5s1zQ3kagwyW1DsPYSQ4V2P";
    /** Its scriptPubKey: OP_HASH160 da1745e9b549bd0bfa1a569971c77eba30cd5a4b OP_EQUAL. */
    public static final String SCRIPT_PUBKEY_HEX = "a914da1745e9b549bd0bfa1a569971c77eba30cd5a4b87";
    /** A regtest block's coinbase value before the first halving. */
    public static final long COINBASE_SAT = 50_000_000_000L;

    private static final byte[] SCRIPT_PUBKEY = HexFormat.of().parseHex(SCRIPT_PUBKEY_HEX);
    private static final byte[] SCRIPT_SIG = {0x01, 0x51};

    private OpTrueCoins()
    {
    }

    /**
     * A transaction spending one output to {@code outputs} equal outputs (the fee taken off the total).
     *
     * @param prevTxidHex the spent transaction's id, display order.
     * @param vout        the spent output's index.
     * @param valueSat    the spent output's value.
     * @param outputs     how many outputs, 1 or more.
     * @param feeSat      the fee.
     * @return the serialised transaction.
     */
    public static byte[] spend(final String prevTxidHex, final int vout, final long valueSat, final int outputs, final long feeSat)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 + outputs * 32);
        writeLe(out, 2, 2);
        writeLe(out, 0, 2);
        writeVarInt(out, 1);
        final byte[] txid = HexFormat.of().parseHex(prevTxidHex);
        for (int i = 31; i >= 0; i--)
        {
            out.write(txid[i]);
        }
        writeLe(out, vout, 4);
        writeVarInt(out, SCRIPT_SIG.length);
        out.writeBytes(SCRIPT_SIG);
        writeLe(out, 0xffffffffL, 4);
        writeVarInt(out, outputs);
        final long each = (valueSat - feeSat) / outputs;
        for (int i = 0; i < outputs; i++)
        {
            writeLe(out, each, 8);
            writeVarInt(out, SCRIPT_PUBKEY.length);
            out.writeBytes(SCRIPT_PUBKEY);
        }
        writeLe(out, 0, 4);
        return out.toByteArray();
    }

    /**
     * @param tx a serialised transaction.
     * @return its txid in display order (double SHA-256, reversed).
     */
    public static String txid(final byte[] tx)
    {
        try
        {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            final byte[] hash = sha.digest(sha.digest(tx));
            final StringBuilder hex = new StringBuilder(64);
            for (int i = 31; i >= 0; i--)
            {
                hex.append(String.format("%02x", hash[i] & 0xff));
            }
            return hex.toString();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @param outputs number of outputs of {@link #spend}.
     * @return the value of each output of {@link #spend}.
     */
    public static long outputValue(final long valueSat, final int outputs, final long feeSat)
    {
        return (valueSat - feeSat) / outputs;
    }

    private static void writeLe(final ByteArrayOutputStream out, final long value, final int bytes)
    {
        for (int i = 0; i < bytes; i++)
        {
            out.write((int)(value >>> (8 * i)) & 0xff);
        }
    }

    private static void writeVarInt(final ByteArrayOutputStream out, final long value)
    {
        if (value < 0xfd)
        {
            out.write((int)value);
        }
        else if (value <= 0xffff)
        {
            out.write(0xfd);
            writeLe(out, value, 2);
        }
        else
        {
            out.write(0xfe);
            writeLe(out, value, 4);
        }
    }
}
