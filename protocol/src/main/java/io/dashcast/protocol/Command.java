package io.dashcast.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The P2P commands dashcast knows by name. Everything else a Dash Core node sends decodes as
 * {@link #UNKNOWN} and passes through as (command bytes, payload), to be counted and ignored.
 * <p>
 * Each command is held as the 12 NUL-padded header bytes packed into a long and an int, so
 * {@link #lookup(DirectBuffer, int)} compares two words per candidate and allocates nothing.
 */
public enum Command
{
    VERSION("version"),
    VERACK("verack"),
    PING("ping"),
    PONG("pong"),
    INV("inv"),
    GETDATA("getdata"),
    NOTFOUND("notfound"),
    GETHEADERS("getheaders"),
    HEADERS("headers"),
    SENDHEADERS("sendheaders"),
    SENDCMPCT("sendcmpct"),
    CMPCTBLOCK("cmpctblock"),
    GETBLOCKTXN("getblocktxn"),
    BLOCKTXN("blocktxn"),
    ADDR("addr"),
    ADDRV2("addrv2"),
    SENDADDRV2("sendaddrv2"),
    GETADDR("getaddr"),
    FEEFILTER("feefilter"),
    REJECT("reject"),
    BLOCK("block"),
    // Dash-specific messages a Dash Core node sends around the handshake; decoded or passed through.
    SENDDSQ("senddsq"),
    QSENDRECSIGS("qsendrecsigs"),
    MNAUTH("mnauth"),
    SENDHEADERS2("sendheaders2"),
    HEADERS2("headers2"),
    GETHEADERS2("getheaders2"),
    GETSPORKS("getsporks"),
    SPORK("spork"),
    CLSIG("clsig"),
    ISDLOCK("isdlock"),
    /** Any other well-formed command. */
    UNKNOWN("");

    /** Bytes of the command field in a message header. */
    public static final int LENGTH = 12;

    private static final Command[] KNOWN;

    static
    {
        final Command[] all = values();
        KNOWN = new Command[all.length - 1];
        System.arraycopy(all, 0, KNOWN, 0, KNOWN.length);
    }

    private final String wireName;
    private final long head;
    private final int tail;

    Command(final String wireName)
    {
        this.wireName = wireName;
        final byte[] padded = new byte[LENGTH];
        final byte[] ascii = wireName.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, padded, 0, ascii.length);
        long h = 0;
        for (int i = 7; i >= 0; i--)
        {
            h = (h << 8) | (padded[i] & 0xff);
        }
        int t = 0;
        for (int i = 11; i >= 8; i--)
        {
            t = (t << 8) | (padded[i] & 0xff);
        }
        head = h;
        tail = t;
    }

    /**
     * @return the ASCII name carried in the header, e.g. "block".
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * Write this command's 12 NUL-padded bytes.
     *
     * @param buffer to write into.
     * @param offset of the command field.
     */
    public void write(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, head, LITTLE_ENDIAN);
        buffer.putInt(offset + 8, tail, LITTLE_ENDIAN);
    }

    /**
     * Identify a command field, assumed already validated by {@link #isWellFormed(DirectBuffer, int)}.
     *
     * @param buffer holding the header.
     * @param offset of the command field.
     * @return the command, or {@link #UNKNOWN}.
     */
    public static Command lookup(final DirectBuffer buffer, final int offset)
    {
        final long h = buffer.getLong(offset, LITTLE_ENDIAN);
        final int t = buffer.getInt(offset + 8, LITTLE_ENDIAN);
        for (final Command command : KNOWN)
        {
            if (command.head == h && command.tail == t)
            {
                return command;
            }
        }
        return UNKNOWN;
    }

    /**
     * Dash Core's rule ({@code CMessageHeader::IsCommandValid}): printable ASCII up to the first NUL,
     * then only NULs.
     *
     * @param buffer holding the header.
     * @param offset of the command field.
     * @return true when well formed.
     */
    public static boolean isWellFormed(final DirectBuffer buffer, final int offset)
    {
        boolean ended = false;
        for (int i = 0; i < LENGTH; i++)
        {
            final int c = buffer.getByte(offset + i) & 0xff;
            if (ended)
            {
                if (c != 0)
                {
                    return false;
                }
            }
            else if (c == 0)
            {
                ended = true;
            }
            else if (c < 0x20 || c > 0x7e)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The command field as text, for logs and pass-through of unknown commands (allocates).
     *
     * @param buffer holding the header.
     * @param offset of the command field.
     * @return the name up to the first NUL.
     */
    public static String nameAt(final DirectBuffer buffer, final int offset)
    {
        final StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++)
        {
            final int c = buffer.getByte(offset + i) & 0xff;
            if (c == 0)
            {
                break;
            }
            sb.append(c >= 0x20 && c <= 0x7e ? (char)c : '?');
        }
        return sb.toString();
    }
}
