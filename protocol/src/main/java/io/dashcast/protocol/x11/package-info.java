/**
 * X11's eleven 512-bit hash functions, written for the one job X11 gives them: BLAKE-512 over a block
 * header (80 bytes, or any length), then ten functions each over the previous 64-byte digest. With the
 * lengths fixed, padding and length fields are constants, state lives in {@code long}/{@code int}
 * locals and scratch arrays owned by the instance, and a hash allocates nothing.
 * <p>
 * Each function is a small package-private final class with a {@code hash(long[] in, long[] out)}
 * over eight little-endian 64-bit words (the 64 bytes in their wire order), so digests pass from
 * one function to the next without byte copies. Written from the algorithm specifications and the
 * facts of sphlib (the C code Dash Core uses), and checked against saphir-hash-core and against
 * Dash's JavaScript X11 in the tests. {@link io.dashcast.protocol.x11.X11Chain} is the entry point.
 */
package io.dashcast.protocol.x11;
