package io.dashcast.protocol;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.Random;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Generates random, structurally valid Dash blocks: classic transactions of versions 1 and 2,
 * transactions with a non-zero type but a version below 3 (no extra payload), and DIP2 special
 * transactions (version 3 and above, non-zero type) whose extra payload is a well-formed
 * ProUpRevTx (4), CbTx v1-v3 (5), MnHfSignal (7), AssetLock (8) or AssetUnlock (9) payload.
 * <p>
 * Constraints kept so that dashcore-lib, the oracle, can parse and re-serialise every block:
 * versions stay below 0x8000 (dashcore-lib reads the 16-bit version unsigned, Dash Core signed);
 * special transactions only carry payload types dashcore-lib knows, with the fields it validates;
 * amounts and 64-bit payload integers stay below 2^52 (it converts them to JavaScript numbers);
 * AssetLock credit outputs are P2PKH (it checks that).
 * The header's merkle root is the real one; the other header fields are random.
 */
public final class RandomBlocks
{
    private static final int[] SPECIAL_TYPES = { 4, 5, 7, 8, 9 };
    private static final long SAFE_INTEGER = 1L << 52;

    private final Random random;
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64 * 1024);
    private final BlockView view = new BlockView();
    private final Sha256d sha256d = new Sha256d();
    private int position;

    public RandomBlocks(final Random random)
    {
        this.random = random;
    }

    /**
     * @param maxTransactions most transactions per block (at least 1 is generated).
     * @return an exactly sized array holding one block.
     */
    public byte[] next(final int maxTransactions)
    {
        position = 0;
        putInt(random.nextInt());
        putRandom(32);
        final int merkleOffset = position;
        putRandom(32);
        putInt(random.nextInt());
        putInt(random.nextInt());
        putInt(random.nextInt());
        final int txCount = 1 + random.nextInt(maxTransactions);
        putVarInt(txCount);
        for (int i = 0; i < txCount; i++)
        {
            transaction(i == 0);
        }
        final byte[] block = Arrays.copyOf(out.byteArray(), position);
        final UnsafeBuffer buffer = new UnsafeBuffer(block);
        view.wrap(buffer, 0, block.length);
        view.computeMerkleRoot(sha256d, block, merkleOffset);
        return block;
    }

    private void transaction(final boolean coinbase)
    {
        final int version;
        final int type;
        final int kind = random.nextInt(10);
        if (kind < 3)
        {
            version = 1 + random.nextInt(2);
            type = 0;
        }
        else if (kind == 3)
        {
            version = random.nextInt(3);
            type = 1 + random.nextInt(0xffff);
        }
        else if (kind == 4)
        {
            version = 3 + random.nextInt(0x7ffd);
            type = 0;
        }
        else
        {
            version = kind == 5 ? 3 + random.nextInt(0x7ffd) : 3;
            type = coinbase ? 5 : SPECIAL_TYPES[random.nextInt(SPECIAL_TYPES.length)];
        }
        putShort(version);
        putShort(type);
        final int inputs = random.nextInt(4);
        putVarInt(inputs);
        for (int i = 0; i < inputs; i++)
        {
            putRandom(32);
            putInt(random.nextInt());
            putVarBytes(scriptLength());
            putInt(random.nextInt());
        }
        final int outputs = random.nextInt(4);
        putVarInt(outputs);
        for (int i = 0; i < outputs; i++)
        {
            putLong(amount());
            putVarBytes(scriptLength());
        }
        putInt(random.nextInt());
        if (version >= 3 && type != 0)
        {
            extraPayload(type);
        }
    }

    private void extraPayload(final int type)
    {
        final int lengthOffset = position;
        position += 3;
        final int start = position;
        switch (type)
        {
            case 4:
                putShort(1);
                putRandom(32);
                putShort(random.nextInt(4));
                putRandom(32);
                putRandom(96);
                break;
            case 5:
                final int version = 1 + random.nextInt(3);
                putShort(version);
                putInt(random.nextInt() & 0x7fff_ffff);
                putRandom(32);
                if (version >= 2)
                {
                    putRandom(32);
                }
                if (version >= 3)
                {
                    putVarInt(random.nextBoolean() ? random.nextInt(0xfd) : random.nextInt(1 << 20));
                    putRandom(96);
                    putLong(amount());
                }
                break;
            case 7:
                putByte(1);
                putByte(random.nextInt(256));
                putRandom(32);
                putRandom(96);
                break;
            case 8:
                putByte(1);
                final int credits = 1 + random.nextInt(3);
                putVarInt(credits);
                for (int i = 0; i < credits; i++)
                {
                    putLong(amount());
                    putVarInt(25);
                    putByte(0x76);
                    putByte(0xa9);
                    putByte(0x14);
                    putRandom(20);
                    putByte(0x88);
                    putByte(0xac);
                }
                break;
            default:
                putByte(1);
                putLong(random.nextLong() & (SAFE_INTEGER - 1));
                putInt(random.nextInt());
                putInt(random.nextInt());
                putRandom(32);
                putRandom(96);
                break;
        }
        // The payload is written first, then its varint length; shift it left if the length is short.
        final int length = position - start;
        final int varint = VarInt.sizeOf(length);
        VarInt.write(out, lengthOffset, length);
        if (varint != 3)
        {
            out.putBytes(lengthOffset + varint, out, start, length);
            position = lengthOffset + varint + length;
        }
    }

    private int scriptLength()
    {
        final int r = random.nextInt(20);
        return r == 0 ? 253 + random.nextInt(300) : random.nextInt(110);
    }

    private long amount()
    {
        return random.nextLong() & (SAFE_INTEGER - 1);
    }

    private void putVarBytes(final int length)
    {
        putVarInt(length);
        putRandom(length);
    }

    private void putRandom(final int length)
    {
        out.checkLimit(position + length);
        for (int i = 0; i < length; i++)
        {
            out.putByte(position + i, (byte)random.nextInt());
        }
        position += length;
    }

    private void putVarInt(final long value)
    {
        position += VarInt.write(out, position, value);
    }

    private void putByte(final int value)
    {
        out.putByte(position++, (byte)value);
    }

    private void putShort(final int value)
    {
        out.putShort(position, (short)value, LITTLE_ENDIAN);
        position += 2;
    }

    private void putInt(final int value)
    {
        out.putInt(position, value, LITTLE_ENDIAN);
        position += 4;
    }

    private void putLong(final long value)
    {
        out.putLong(position, value, LITTLE_ENDIAN);
        position += 8;
    }
}
