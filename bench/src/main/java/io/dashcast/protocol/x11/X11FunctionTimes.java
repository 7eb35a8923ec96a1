package io.dashcast.protocol.x11;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.Locale;

/**
 * Each of dashcast's eleven X11 functions alone, ns per call, printed as bench/x11-c/main.c's
 * {@code functions} mode prints sphlib's (BLAKE over an 80-byte header, the others over a 64-byte
 * digest) and the whole chain over the header, so bench/x11-c-npm.sh can put the two side by side. Lives in the functions' package
 * (the bench jar is on the class path, not a module) because they are package-private.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dashcast.protocol.x11.X11FunctionTimes [iterations] [rounds]
 * </pre>
 * Each round times every function once; a function's figure is its fastest round.
 */
public final class X11FunctionTimes
{
    private static final String[] NAMES =
        {"blake", "bmw", "groestl", "skein", "jh", "keccak", "luffa", "cubehash", "shavite", "simd", "echo", "x11"};

    private final Blake512 blake = new Blake512();
    private final Bmw512 bmw = new Bmw512();
    private final Groestl512 groestl = new Groestl512();
    private final Skein512 skein = new Skein512();
    private final Jh512 jh = new Jh512();
    private final Luffa512 luffa = new Luffa512();
    private final CubeHash512 cubeHash = new CubeHash512();
    private final Shavite512 shavite = new Shavite512();
    private final Simd512 simd = new Simd512();
    private final Echo512 echo = new Echo512();
    private final X11Chain chain = new X11Chain();
    private final byte[] digest = new byte[X11Chain.HASH_LENGTH];
    private final long[] in = new long[8];
    private final long[] out = new long[8];
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[80]);

    private X11FunctionTimes()
    {
        for (int i = 0; i < 80; i++)
        {
            header.putByte(i, (byte)(i * 7 + 1));
        }
        for (int i = 0; i < 8; i++)
        {
            in[i] = 0x0123456789abcdefL * (i + 1);
        }
    }

    private void call(final int function)
    {
        switch (function)
        {
            case 0 -> blake.hash(header, 0, 80, out);
            case 1 -> bmw.hash(in, out);
            case 2 -> groestl.hash(in, out);
            case 3 -> skein.hash(in, out);
            case 4 -> jh.hash(in, out);
            case 5 -> Keccak512.hash(in, out);
            case 6 -> luffa.hash(in, out);
            case 7 -> cubeHash.hash(in, out);
            case 8 -> shavite.hash(in, out);
            case 9 -> simd.hash(in, out);
            case 10 -> echo.hash(in, out);
            default ->
            {
                chain.hash(header, 0, 80, digest, 0);
                out[1] = digest[0];
            }
        }
        // Each call depends on the last, as in the chain.
        in[0] ^= out[0];
        header.putByte(0, (byte)out[1]);
    }

    private double time(final int function, final long iterations)
    {
        final long t0 = System.nanoTime();
        for (long i = 0; i < iterations; i++)
        {
            call(function);
        }
        return (System.nanoTime() - t0) / (double)iterations;
    }

    /**
     * @param args iterations per function and round (default 100,000), rounds (default 5).
     */
    public static void main(final String[] args)
    {
        final long iterations = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final X11FunctionTimes t = new X11FunctionTimes();
        final double[] best = new double[NAMES.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int f = 0; f < NAMES.length; f++)
        {
            t.time(f, iterations);
        }
        for (int r = 0; r < rounds; r++)
        {
            for (int f = 0; f < NAMES.length; f++)
            {
                best[f] = Math.min(best[f], t.time(f, iterations));
            }
        }
        for (int f = 0; f < NAMES.length; f++)
        {
            System.out.printf(Locale.ROOT, "%-9s %.1f%n", NAMES[f], best[f]);
        }
        System.out.printf(Locale.ROOT, "(sink %d)%n", t.in[0] & 0xff);
    }
}
