package io.dashcast.protocol.message;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import org.agrona.DirectBuffer;

/**
 * Validates a payload with the flyweight its command calls for, after {@link FrameDecoder} has
 * found the frame. One instance of every flyweight is kept and re-wrapped, so decoding allocates
 * nothing; after {@link #decode} returns, the matching accessor ({@link #version()},
 * {@link #nonce()} ...) reads the message in place until the next call.
 * <p>
 * Commands with empty payloads (verack, sendheaders, sendaddrv2, getaddr, sendheaders2, getsporks)
 * must be empty. Commands dashcast does not interpret (mnauth, headers2, getheaders2, spork, clsig,
 * isdlock, and every {@link Command#UNKNOWN}) pass through
 * unchecked, to be counted and ignored: see {@link #isValidated(Command)}.
 * <p>
 * Not thread safe; one per connection-owning thread.
 */
public final class MessageDecoder
{
    private final VersionFlyweight version = new VersionFlyweight();
    private final NonceFlyweight nonce = new NonceFlyweight();
    private final InventoryFlyweight inventory = new InventoryFlyweight();
    private final GetHeadersFlyweight getHeaders = new GetHeadersFlyweight();
    private final HeadersFlyweight headers = new HeadersFlyweight();
    private final SendCmpctFlyweight sendCmpct = new SendCmpctFlyweight();
    private final AddrFlyweight addr = new AddrFlyweight();
    private final AddrV2Flyweight addrV2 = new AddrV2Flyweight();
    private final FeeFilterFlyweight feeFilter = new FeeFilterFlyweight();
    private final RejectFlyweight reject = new RejectFlyweight();
    private final BoolFlyweight flag = new BoolFlyweight();
    private final BlockView block = new BlockView();
    private final CmpctBlockFlyweight cmpctBlock = new CmpctBlockFlyweight();
    private final GetBlockTxnFlyweight getBlockTxn = new GetBlockTxnFlyweight();
    private final BlockTxnFlyweight blockTxn = new BlockTxnFlyweight();

    /**
     * Validate the payload of the frame {@code frames} has just found.
     *
     * @param frames      the decoder whose last {@link FrameDecoder#decode} returned a frame length.
     * @param buffer      holding the frame.
     * @param frameOffset of the frame's first header byte.
     * @return the frame's command.
     * @throws ProtocolException when the payload breaks its command's layout.
     */
    public Command decodeFrame(final FrameDecoder frames, final DirectBuffer buffer, final int frameOffset)
    {
        final int length = frames.header().wrap(buffer, frameOffset).payloadLength();
        return decode(frames.command(), buffer, frameOffset + MessageHeaderFlyweight.HEADER_LENGTH, length);
    }

    /**
     * Validate a payload and leave the matching flyweight wrapped around it.
     *
     * @param command the frame's command.
     * @param buffer  holding the payload.
     * @param offset  of the payload.
     * @param length  of the payload.
     * @return {@code command}, for chaining into a switch.
     * @throws ProtocolException when the payload breaks its command's layout.
     */
    public Command decode(final Command command, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (command)
        {
            case VERSION:
                version.wrap(buffer, offset, length);
                break;
            case PING:
            case PONG:
                nonce.wrap(buffer, offset, length);
                break;
            case INV:
            case GETDATA:
            case NOTFOUND:
                inventory.wrap(buffer, offset, length);
                break;
            case GETHEADERS:
                getHeaders.wrap(buffer, offset, length);
                break;
            case HEADERS:
                headers.wrap(buffer, offset, length);
                break;
            case SENDCMPCT:
                sendCmpct.wrap(buffer, offset, length);
                break;
            case ADDR:
                addr.wrap(buffer, offset, length);
                break;
            case ADDRV2:
                addrV2.wrap(buffer, offset, length);
                break;
            case FEEFILTER:
                feeFilter.wrap(buffer, offset, length);
                break;
            case REJECT:
                reject.wrap(buffer, offset, length);
                break;
            case SENDDSQ:
            case QSENDRECSIGS:
                flag.wrap(buffer, offset, length);
                break;
            case BLOCK:
                decodeBlock(buffer, offset, length);
                break;
            case CMPCTBLOCK:
                cmpctBlock.wrap(buffer, offset, length);
                break;
            case GETBLOCKTXN:
                getBlockTxn.wrap(buffer, offset, length);
                break;
            case BLOCKTXN:
                blockTxn.wrap(buffer, offset, length);
                break;
            case VERACK:
            case SENDHEADERS:
            case SENDADDRV2:
            case GETADDR:
            case SENDHEADERS2:
            case GETSPORKS:
                PayloadBounds.exact(command.wireName(), length, 0);
                break;
            default:
                break;
        }
        return command;
    }

    /**
     * @param command a command.
     * @return true when {@link #decode} checks its payload; false for commands passed through.
     */
    public static boolean isValidated(final Command command)
    {
        switch (command)
        {
            case MNAUTH:
            case HEADERS2:
            case GETHEADERS2:
            case SPORK:
            case CLSIG:
            case ISDLOCK:
            case UNKNOWN:
                return false;
            default:
                return true;
        }
    }

    /**
     * @return the last {@code version} decoded.
     */
    public VersionFlyweight version()
    {
        return version;
    }

    /**
     * @return the last {@code ping} or {@code pong} decoded.
     */
    public NonceFlyweight nonce()
    {
        return nonce;
    }

    /**
     * @return the last {@code inv}, {@code getdata} or {@code notfound} decoded.
     */
    public InventoryFlyweight inventory()
    {
        return inventory;
    }

    /**
     * @return the last {@code getheaders} decoded.
     */
    public GetHeadersFlyweight getHeaders()
    {
        return getHeaders;
    }

    /**
     * @return the last {@code headers} decoded.
     */
    public HeadersFlyweight headers()
    {
        return headers;
    }

    /**
     * @return the last {@code sendcmpct} decoded.
     */
    public SendCmpctFlyweight sendCmpct()
    {
        return sendCmpct;
    }

    /**
     * @return the last {@code addr} decoded.
     */
    public AddrFlyweight addr()
    {
        return addr;
    }

    /**
     * @return the last {@code addrv2} decoded.
     */
    public AddrV2Flyweight addrV2()
    {
        return addrV2;
    }

    /**
     * @return the last {@code feefilter} decoded.
     */
    public FeeFilterFlyweight feeFilter()
    {
        return feeFilter;
    }

    /**
     * @return the last {@code reject} decoded.
     */
    public RejectFlyweight reject()
    {
        return reject;
    }

    /**
     * @return the last {@code senddsq} or {@code qsendrecsigs} decoded.
     */
    public BoolFlyweight flag()
    {
        return flag;
    }

    /**
     * @return the last {@code block} decoded (structure only: the merkle root is not checked).
     */
    public BlockView block()
    {
        return block;
    }

    /**
     * @return the last {@code cmpctblock} decoded (structure only: see {@link CmpctBlockFlyweight#indexesValid()}).
     */
    public CmpctBlockFlyweight cmpctBlock()
    {
        return cmpctBlock;
    }

    /**
     * @return the last {@code getblocktxn} decoded.
     */
    public GetBlockTxnFlyweight getBlockTxn()
    {
        return getBlockTxn;
    }

    /**
     * @return the last {@code blocktxn} decoded.
     */
    public BlockTxnFlyweight blockTxn()
    {
        return blockTxn;
    }

    private void decodeBlock(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > Network.MAX_BLOCK_SIZE)
        {
            throw new ProtocolException(ProtocolError.OVERSIZED_FIELD,
                "block of " + length + " bytes > " + Network.MAX_BLOCK_SIZE);
        }
        block.wrap(buffer, offset, length);
    }
}
