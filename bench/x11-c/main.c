/*
 * dashcast's timing harness for Dash Core's sph X11 (bench/x11-c.sh builds it against Dash Core's
 * own C sources, which are not part of dashcast): X11 of an 80-byte header in a loop, as Dash
 * Core's HashX11 chains the eleven sph functions. Prints the digest of the genesis header (a
 * self-check) and ns per hash.
 *
 * Usage: x11-c [iterations]          X11 of the header, ns per hash
 *        x11-c functions [iterations] each of the eleven functions alone, ns per call (BLAKE over the
 *                                     80-byte header, the others over a 64-byte digest), one line each
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sph_blake.h"
#include "sph_bmw.h"
#include "sph_groestl.h"
#include "sph_skein.h"
#include "sph_jh.h"
#include "sph_keccak.h"
#include "sph_luffa.h"
#include "sph_cubehash.h"
#include "sph_shavite.h"
#include "sph_simd.h"
#include "sph_echo.h"

static void x11(const unsigned char *in, size_t len, unsigned char out[32])
{
    sph_blake512_context blake;
    sph_bmw512_context bmw;
    sph_groestl512_context groestl;
    sph_skein512_context skein;
    sph_jh512_context jh;
    sph_keccak512_context keccak;
    sph_luffa512_context luffa;
    sph_cubehash512_context cubehash;
    sph_shavite512_context shavite;
    sph_simd512_context simd;
    sph_echo512_context echo;
    unsigned char a[64], b[64];

    sph_blake512_init(&blake); sph_blake512(&blake, in, len); sph_blake512_close(&blake, a);
    sph_bmw512_init(&bmw); sph_bmw512(&bmw, a, 64); sph_bmw512_close(&bmw, b);
    sph_groestl512_init(&groestl); sph_groestl512(&groestl, b, 64); sph_groestl512_close(&groestl, a);
    sph_skein512_init(&skein); sph_skein512(&skein, a, 64); sph_skein512_close(&skein, b);
    sph_jh512_init(&jh); sph_jh512(&jh, b, 64); sph_jh512_close(&jh, a);
    sph_keccak512_init(&keccak); sph_keccak512(&keccak, a, 64); sph_keccak512_close(&keccak, b);
    sph_luffa512_init(&luffa); sph_luffa512(&luffa, b, 64); sph_luffa512_close(&luffa, a);
    sph_cubehash512_init(&cubehash); sph_cubehash512(&cubehash, a, 64); sph_cubehash512_close(&cubehash, b);
    sph_shavite512_init(&shavite); sph_shavite512(&shavite, b, 64); sph_shavite512_close(&shavite, a);
    sph_simd512_init(&simd); sph_simd512(&simd, a, 64); sph_simd512_close(&simd, b);
    sph_echo512_init(&echo); sph_echo512(&echo, b, 64); sph_echo512_close(&echo, a);
    memcpy(out, a, 32);
}

static int unhex(const char *s, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
    {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
        {
            return -1;
        }
        out[i] = (unsigned char)v;
    }
    return 0;
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

#define TIME_FUNCTION(NAME, CTX, INIT, UPDATE, CLOSE, LEN)                      \
    do                                                                          \
    {                                                                           \
        CTX ctx;                                                                \
        for (long i = 0; i < iterations / 10; i++)                              \
        {                                                                       \
            INIT(&ctx); UPDATE(&ctx, buf, LEN); CLOSE(&ctx, out);               \
            buf[0] ^= out[0];                                                   \
        }                                                                       \
        const double t0 = now_ns();                                             \
        for (long i = 0; i < iterations; i++)                                   \
        {                                                                       \
            INIT(&ctx); UPDATE(&ctx, buf, LEN); CLOSE(&ctx, out);               \
            buf[0] ^= out[0];                                                   \
        }                                                                       \
        printf("%-9s %.1f\n", NAME, (now_ns() - t0) / iterations);             \
    } while (0)

static int functions(long iterations)
{
    unsigned char buf[80], out[64];
    for (int i = 0; i < 80; i++)
    {
        buf[i] = (unsigned char)(i * 7 + 1);
    }
    TIME_FUNCTION("blake", sph_blake512_context, sph_blake512_init, sph_blake512, sph_blake512_close, 80);
    TIME_FUNCTION("bmw", sph_bmw512_context, sph_bmw512_init, sph_bmw512, sph_bmw512_close, 64);
    TIME_FUNCTION("groestl", sph_groestl512_context, sph_groestl512_init, sph_groestl512, sph_groestl512_close, 64);
    TIME_FUNCTION("skein", sph_skein512_context, sph_skein512_init, sph_skein512, sph_skein512_close, 64);
    TIME_FUNCTION("jh", sph_jh512_context, sph_jh512_init, sph_jh512, sph_jh512_close, 64);
    TIME_FUNCTION("keccak", sph_keccak512_context, sph_keccak512_init, sph_keccak512, sph_keccak512_close, 64);
    TIME_FUNCTION("luffa", sph_luffa512_context, sph_luffa512_init, sph_luffa512, sph_luffa512_close, 64);
    TIME_FUNCTION("cubehash", sph_cubehash512_context, sph_cubehash512_init, sph_cubehash512, sph_cubehash512_close, 64);
    TIME_FUNCTION("shavite", sph_shavite512_context, sph_shavite512_init, sph_shavite512, sph_shavite512_close, 64);
    TIME_FUNCTION("simd", sph_simd512_context, sph_simd512_init, sph_simd512, sph_simd512_close, 64);
    TIME_FUNCTION("echo", sph_echo512_context, sph_echo512_init, sph_echo512, sph_echo512_close, 64);
    {
        for (long i = 0; i < iterations / 10; i++)
        {
            x11(buf, 80, out);
            buf[0] ^= out[0];
        }
        const double t0 = now_ns();
        for (long i = 0; i < iterations; i++)
        {
            x11(buf, 80, out);
            buf[0] ^= out[0];
        }
        printf("%-9s %.1f\n", "x11", (now_ns() - t0) / iterations);
    }
    printf("(sink %u)\n", buf[0]);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "functions") == 0)
    {
        return functions(argc > 2 ? atol(argv[2]) : 100000);
    }
    const char *genesis =
        "010000000000000000000000000000000000000000000000000000000000000000000000c762a6567f3cc092f0684bb62b7e00a8"
        "4890b990f07cc71a6bb58d64b98e02e0022ddb52f0ff0f1ec23fb901";
    long iterations = argc > 1 ? atol(argv[1]) : 200000;
    unsigned char header[80], hash[32];
    struct timespec t0, t1;
    unsigned sink = 0;

    if (unhex(genesis, header, 80) != 0)
    {
        return 2;
    }
    x11(header, 80, hash);
    printf("genesis ");
    for (int i = 31; i >= 0; i--)
    {
        printf("%02x", hash[i]);
    }
    printf("\n");

    for (long i = 0; i < iterations / 10; i++)
    {
        x11(header, 80, hash);
        sink += hash[0];
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < iterations; i++)
    {
        header[76] = (unsigned char)i;
        header[77] = (unsigned char)(i >> 8);
        x11(header, 80, hash);
        sink += hash[31];
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    printf("ns/hash %.1f (sink %u)\n", ns / iterations, sink);
    return 0;
}
