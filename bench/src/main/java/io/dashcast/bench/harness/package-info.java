/**
 * The HdrHistogram latency harness: dashcast against the floor (bare non-blocking writes on the
 * submitting thread), a Netty fan-out, thread-per-peer blocking writes (of a ready frame, and
 * after validating and framing the raw block as dashcast must) and the seed's old hop-by-hop
 * relay, over loopback to receivers in a separate JVM that stamp arrival with the same monotonic
 * clock. Run it with {@code bench/run --quick} or {@code bench/run --full}.
 */
package io.dashcast.bench.harness;
