package io.dashcast.protocol.message;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.Vectors;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounds and Dash Core rules each decoder enforces, one by one.
 */
class PayloadRulesTest
{
    private final MessageDecoder decoder = new MessageDecoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);

    @Test
    void shouldBoundAddrCountsAtOneThousand()
    {
        assertError(ProtocolError.OVERSIZED_FIELD, Command.ADDR, count(AddrFlyweight.MAX_ADDR_TO_SEND + 1));
        assertError(ProtocolError.OVERSIZED_FIELD, Command.ADDRV2, count(AddrFlyweight.MAX_ADDR_TO_SEND + 1));
        assertError(ProtocolError.TRUNCATED_PAYLOAD, Command.ADDR, count(1));
        assertThrows(IllegalArgumentException.class, () -> AddrFlyweight.encodeCount(buffer, 0, 1_001));
    }

    @Test
    void shouldEnforceAddrV2AddressLengthsPerNetwork()
    {
        final UnsafeBuffer address = new UnsafeBuffer(new byte[600]);
        for (int network = 0; network < 256; network++)
        {
            final int required = AddrV2Flyweight.requiredAddressLength(network);
            for (final int length : new int[] { 0, 4, 10, 16, 32, 33, 512 })
            {
                final byte[] payload = addrV2(network, length);
                if (required < 0 || required == length)
                {
                    final AddrV2Flyweight flyweight = decoder.decode(Command.ADDRV2, exact(payload), 0, payload.length) ==
                        Command.ADDRV2 ? decoder.addrV2() : null;
                    assertEquals(network, flyweight.networkId(0));
                    assertEquals(length, flyweight.addressLength(0));
                    assertEquals(8333, flyweight.port(0));
                    assertEquals(0xffff_ffff_ffff_ffffL, flyweight.services(0));
                }
                else
                {
                    assertError(ProtocolError.INVALID_FIELD, Command.ADDRV2, payload);
                    final int finalNetwork = network;
                    assertThrows(IllegalArgumentException.class, () -> AddrV2Flyweight.encodeEntry(
                        buffer, 0, 0, 0, finalNetwork, address, 0, length, 0));
                }
            }
        }
        assertEquals(4, AddrV2Flyweight.requiredAddressLength(AddrV2Flyweight.NET_IPV4));
        assertEquals(-1, AddrV2Flyweight.requiredAddressLength(AddrV2Flyweight.NET_TORV2));
        assertError(ProtocolError.OVERSIZED_FIELD, Command.ADDRV2, addrV2(99, 513));
    }

    @Test
    void shouldRejectNonCanonicalAddrV2Services()
    {
        final byte[] payload = addrV2(AddrV2Flyweight.NET_IPV4, 4);
        // services 0xff.. re-encoded as a 9-byte varint of 1: non-canonical.
        final byte[] bad = Arrays.copyOf(payload, payload.length);
        new UnsafeBuffer(bad).putLong(6, 1L, LITTLE_ENDIAN);
        assertError(ProtocolError.INVALID_FIELD, Command.ADDRV2, bad);
    }

    @Test
    void shouldBoundRejectFields()
    {
        final byte[] ok = reject("block", 0x10, "bad-txnmrklroot", new byte[32]);
        decoder.decode(Command.REJECT, exact(ok), 0, ok.length);
        assertEquals("block", decoder.reject().message());
        assertEquals("bad-txnmrklroot", decoder.reject().reason());
        assertTrue(decoder.reject().hasHash());

        final byte[] noHash = reject("version", 0x11, "obsolete", null);
        decoder.decode(Command.REJECT, exact(noHash), 0, noHash.length);
        assertFalse(decoder.reject().hasHash());
        assertThrows(IllegalStateException.class, () -> decoder.reject().hashOffset());

        assertError(ProtocolError.TRUNCATED_PAYLOAD, Command.REJECT, Arrays.copyOf(ok, ok.length - 1));
        assertError(ProtocolError.TRAILING_BYTES, Command.REJECT, Arrays.copyOf(ok, ok.length + 1));
        final byte[] longMessage = ok.clone();
        longMessage[0] = 13;
        assertError(ProtocolError.OVERSIZED_FIELD, Command.REJECT, longMessage);
        final byte[] longReason = reject("tx", 0x10, "x", null);
        longReason[1 + 2 + 1] = 112;
        assertError(ProtocolError.OVERSIZED_FIELD, Command.REJECT, longReason);
    }

    @Test
    void shouldAcceptOnlyZeroOrOneForFlags()
    {
        decoder.decode(Command.SENDDSQ, exact(new byte[] { 1 }), 0, 1);
        assertTrue(decoder.flag().value());
        assertError(ProtocolError.INVALID_FIELD, Command.QSENDRECSIGS, new byte[] { 2 });
        assertError(ProtocolError.TRUNCATED_PAYLOAD, Command.SENDDSQ, new byte[0]);
        assertError(ProtocolError.TRAILING_BYTES, Command.SENDDSQ, new byte[2]);
        assertError(ProtocolError.TRAILING_BYTES, Command.FEEFILTER, new byte[9]);
    }

    @Test
    void shouldPassThroughCommandsItDoesNotInterpret()
    {
        final byte[] junk = { (byte)0xff, (byte)0xff, 1, 2, 3 };
        for (final Command command : Command.values())
        {
            if (!MessageDecoder.isValidated(command))
            {
                assertEquals(command, decoder.decode(command, exact(junk), 0, junk.length), command.name());
            }
        }
        assertFalse(MessageDecoder.isValidated(Command.UNKNOWN));
        assertFalse(MessageDecoder.isValidated(Command.MNAUTH));
        assertTrue(MessageDecoder.isValidated(Command.SENDDSQ));
        assertTrue(MessageDecoder.isValidated(Command.GETSPORKS));
    }

    @Test
    void shouldRefuseBlocksAboveTheConsensusLimit()
    {
        final byte[] big = new byte[Network.MAX_BLOCK_SIZE + 1];
        assertError(ProtocolError.OVERSIZED_FIELD, Command.BLOCK, big);
    }

    @Test
    void shouldReadSpecialTransactionVersionAsSignedLikeDashCore()
    {
        // One coinbase-shaped transaction whose type is 5 but whose version is 0x8003: negative as
        // an int16, so Dash Core reads no extra payload; a byte after the lock time is trailing.
        final byte[] block = Vectors.block("mainnet-1");
        final int tx = 81;
        final byte[] negative = block.clone();
        negative[tx] = 0x03;
        negative[tx + 1] = (byte)0x80;
        negative[tx + 2] = 0x05;
        final BlockView view = new BlockView().wrap(exact(negative), 0, negative.length);
        assertEquals(0x8003, view.transactionVersion(0));
        assertEquals(5, view.transactionType(0));
        assertEquals(block.length - tx, view.transactionLength(0));

        final byte[] positive = negative.clone();
        positive[tx + 1] = 0x00;
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> new BlockView().wrap(exact(positive), 0, positive.length));
        assertEquals(ProtocolError.TRUNCATED_PAYLOAD, ex.error(), "version 3 type 5 needs an extra payload");
    }

    @Test
    void shouldReadFullRangeVarInts()
    {
        final int size = VarInt.write(buffer, 0, -1L);
        assertEquals(9, size);
        assertEquals(-1L, VarInt.readUnsigned(exact(Arrays.copyOf(buffer.byteArray(), 9)), 0, 9));
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> VarInt.read(exact(Arrays.copyOf(buffer.byteArray(), 9)), 0, 9, Long.MAX_VALUE));
        assertEquals(ProtocolError.OVERSIZED_FIELD, ex.error());
    }

    private byte[] addrV2(final int network, final int length)
    {
        int position = VarInt.write(buffer, 0, 1);
        buffer.putInt(position, 1_700_000_000, LITTLE_ENDIAN);
        position += 4;
        position += VarInt.write(buffer, position, 0xffff_ffff_ffff_ffffL);
        buffer.putByte(position++, (byte)network);
        position += VarInt.write(buffer, position, length);
        buffer.setMemory(position, length, (byte)7);
        position += length;
        buffer.putShort(position, (short)8333, java.nio.ByteOrder.BIG_ENDIAN);
        return Arrays.copyOf(buffer.byteArray(), position + 2);
    }

    private byte[] reject(final String message, final int code, final String reason, final byte[] hash)
    {
        final int length = RejectFlyweight.encode(buffer, 0, message.getBytes(StandardCharsets.US_ASCII), code,
            reason.getBytes(StandardCharsets.US_ASCII), hash);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private byte[] count(final int count)
    {
        return Arrays.copyOf(buffer.byteArray(), VarInt.write(buffer, 0, count));
    }

    private void assertError(final ProtocolError expected, final Command command, final byte[] payload)
    {
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> decoder.decode(command, exact(payload), 0, payload.length));
        assertEquals(expected, ex.error(), command + ": " + ex.getMessage());
    }

    private static UnsafeBuffer exact(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes);
    }
}
