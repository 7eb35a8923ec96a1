package io.dashcast.fuzz;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.AddrFlyweight;
import io.dashcast.protocol.message.AddrV2Flyweight;
import io.dashcast.protocol.message.BlockTxnFlyweight;
import io.dashcast.protocol.message.CmpctBlockFlyweight;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import io.dashcast.protocol.message.GetHeadersFlyweight;
import io.dashcast.protocol.message.HeadersFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import io.dashcast.protocol.message.MessageDecoder;
import io.dashcast.protocol.message.RejectFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;

/**
 * Reads every field of a payload {@link MessageDecoder} has accepted, as a consumer would: once
 * {@code decode} returns, no accessor may throw. Index loops are capped so one input stays fast.
 */
final class PayloadReader
{
    private static final int MAX_ITEMS = 64;

    private final byte[] scratch = new byte[64 * 32];
    private final byte[] ip = new byte[16];
    private final Sha256d sha256d = new Sha256d();
    private final X11 x11 = new X11();
    private long sink;

    /**
     * @param command what the decoder found.
     * @param decoder the decoder that accepted it.
     * @return a value derived from every field read, so nothing is optimised away.
     */
    long read(final Command command, final MessageDecoder decoder)
    {
        switch (command)
        {
            case VERSION -> version(decoder.version());
            case PING, PONG -> sink += decoder.nonce().nonce();
            case INV, GETDATA, NOTFOUND -> inventory(decoder.inventory());
            case GETHEADERS -> getHeaders(decoder.getHeaders());
            case HEADERS -> headers(decoder.headers());
            case SENDCMPCT -> sink += decoder.sendCmpct().version() + (decoder.sendCmpct().announce() ? 1 : 0);
            case ADDR -> addr(decoder.addr());
            case ADDRV2 -> addrV2(decoder.addrV2());
            case FEEFILTER -> sink += decoder.feeFilter().feeRate();
            case REJECT -> reject(decoder.reject());
            case SENDDSQ, QSENDRECSIGS -> sink += decoder.flag().value() ? 1 : 0;
            case BLOCK -> block(decoder.block(), false);
            case CMPCTBLOCK -> cmpctBlock(decoder.cmpctBlock());
            case GETBLOCKTXN -> getBlockTxn(decoder.getBlockTxn());
            case BLOCKTXN -> blockTxn(decoder.blockTxn());
            default ->
            {
            }
        }
        return sink;
    }

    long block(final BlockView block, final boolean hashes)
    {
        sink += block.version() + block.time() + block.bits() + block.nonce() + block.length();
        block.prevHash(scratch, 0);
        block.merkleRoot(scratch, 32);
        final int count = block.transactionCount();
        for (int i = 0; i < Math.min(count, MAX_ITEMS); i++)
        {
            sink += block.transactionOffset(i) + block.transactionLength(i) + block.transactionVersion(i) +
                block.transactionType(i);
        }
        if (hashes)
        {
            block.hash(x11, scratch, 0);
            block.txid(0, sha256d, scratch, 0);
            sink += block.merkleRootMatches(sha256d, scratch) ? 1 : 0;
        }
        return sink;
    }

    private void version(final VersionFlyweight v)
    {
        sink += v.protocolVersion() + v.services() + v.time() + v.addrYouServices() + v.addrYouPort() + v.nonce();
        v.getAddrYouIp(ip);
        if (v.hasAddrMe())
        {
            sink += v.addrMeServices() + v.addrMePort();
            v.getAddrMeIp(ip);
        }
        sink += v.userAgent().length();
        if (v.hasStartHeight())
        {
            sink += v.startHeight();
        }
        if (v.hasRelay())
        {
            sink += v.relay() ? 1 : 0;
        }
        if (v.hasMnauthChallenge())
        {
            v.getMnauthChallenge(scratch);
        }
        if (v.hasMasternodeConnection())
        {
            sink += v.masternodeConnection() ? 1 : 0;
        }
        sink += v.encodedLength();
    }

    private void inventory(final InventoryFlyweight inv)
    {
        for (int i = 0; i < Math.min(inv.count(), MAX_ITEMS); i++)
        {
            sink += inv.type(i) + inv.hashOffset(i) + inv.buffer(i).getByte(inv.hashOffset(i));
        }
    }

    private void getHeaders(final GetHeadersFlyweight g)
    {
        sink += g.protocolVersion() + g.buffer().getByte(g.stopHashOffset() + 31);
        for (int i = 0; i < Math.min(g.locatorCount(), MAX_ITEMS); i++)
        {
            sink += g.buffer().getByte(g.locatorHashOffset(i) + 31);
        }
    }

    private void headers(final HeadersFlyweight h)
    {
        for (int i = 0; i < Math.min(h.count(), MAX_ITEMS); i++)
        {
            // Each entry is an 80-byte header and a tx count; read its last header byte.
            sink += h.buffer().getByte(h.headerOffset(i) + BlockView.HEADER_LENGTH - 1);
        }
    }

    private void addr(final AddrFlyweight a)
    {
        for (int i = 0; i < Math.min(a.count(), MAX_ITEMS); i++)
        {
            sink += a.time(i) + a.services(i) + a.port(i) + a.ipOffset(i);
            a.getIp(i, ip);
        }
    }

    private void addrV2(final AddrV2Flyweight a)
    {
        for (int i = 0; i < Math.min(a.count(), MAX_ITEMS); i++)
        {
            sink += a.time(i) + a.services(i) + a.networkId(i) + a.port(i);
            final int length = a.addressLength(i);
            if (length > 0)
            {
                sink += a.buffer().getByte(a.addressOffset(i) + length - 1);
            }
        }
    }

    private void reject(final RejectFlyweight r)
    {
        sink += r.message().length() + r.reason().length() + r.code() + r.messageOffset() + r.messageLength() +
            r.reasonOffset() + r.reasonLength();
        if (r.hasHash())
        {
            sink += r.buffer().getByte(r.hashOffset() + 31);
        }
    }

    private void cmpctBlock(final CmpctBlockFlyweight c)
    {
        sink += c.nonce() + c.headerOffset() + c.transactionCount() + (c.indexesValid() ? 1 : 0);
        for (int i = 0; i < Math.min(c.shortIdCount(), MAX_ITEMS); i++)
        {
            sink += c.shortId(i);
        }
        for (int i = 0; i < Math.min(c.prefilledCount(), MAX_ITEMS); i++)
        {
            sink += c.prefilledIndex(i) + c.prefilledOffset(i) + c.prefilledLength(i);
        }
    }

    private void getBlockTxn(final GetBlockTxnFlyweight g)
    {
        sink += g.buffer().getByte(g.hashOffset() + 31);
        for (int i = 0; i < Math.min(g.count(), MAX_ITEMS); i++)
        {
            sink += g.index(i);
        }
    }

    private void blockTxn(final BlockTxnFlyweight b)
    {
        sink += b.buffer().getByte(b.hashOffset() + 31);
        for (int i = 0; i < Math.min(b.count(), MAX_ITEMS); i++)
        {
            sink += b.transactionOffset(i) + b.transactionLength(i);
        }
    }
}
