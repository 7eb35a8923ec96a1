package io.dashcast.tools.jsonrpc;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HexPairs}'s SIMD half: 32 hex digits per step as one 256-bit vector (AVX2; AVX-512 runs
 * it too), classified as digits or letters with two compares, mapped to nibbles, and each pair's
 * two nibbles joined in its 16-bit lane, narrowed to 16 bytes. Stops before the first step with a
 * byte that is not a digit, for the table to find where the run ends. Loaded only when the JVM has
 * the {@code jdk.incubator.vector} module.
 */
final class VectorHexPairs
{
    private static final VectorSpecies<Byte> DIGITS = ByteVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    private static final int STEP = 32;

    private VectorHexPairs()
    {
    }

    /**
     * Decode whole steps of 32 digits from {@code in[from]}, before {@code limit}.
     *
     * @return bytes written at {@code out[offset]}: 16 per step whose 32 bytes were all digits.
     */
    static int decode(final byte[] in, final int from, final int limit, final byte[] out, final int offset)
    {
        int pos = from;
        int o = offset;
        while (pos + STEP <= limit)
        {
            final ByteVector ascii = ByteVector.fromArray(DIGITS, in, pos);
            // Unsigned "x - base < n" as a signed compare with both sides moved by -128 (no unsigned compare in JDK 17).
            final VectorMask<Byte> digit = ascii.sub((byte)('0' + 128)).compare(VectorOperators.LT, (byte)(-128 + 10));
            final ByteVector lower = ascii.or((byte)0x20);
            final VectorMask<Byte> letter = lower.sub((byte)('a' + 128)).compare(VectorOperators.LT, (byte)(-128 + 6));
            if (!digit.or(letter).allTrue())
            {
                break;
            }
            final ByteVector nibbles = lower.sub((byte)('a' - 10)).blend(ascii.sub((byte)'0'), digit);
            // Little-endian lanes: a pair's first digit is its short's low byte, the second its high byte.
            final ShortVector pairs = nibbles.reinterpretAsShorts();
            final ShortVector joined = pairs.lanewise(VectorOperators.LSHL, 4).or(pairs.lanewise(VectorOperators.LSHR, 8));
            ((ByteVector)joined.convertShape(VectorOperators.S2B, BYTES, 0)).intoArray(out, o);
            o += STEP / 2;
            pos += STEP;
        }
        return o - offset;
    }
}
