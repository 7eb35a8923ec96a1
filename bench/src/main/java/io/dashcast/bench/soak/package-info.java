/**
 * The churn soak ({@code bench/soak}, not in CI): the daemon on many simulated peers that disconnect,
 * stall and come back at random, a block every few seconds through all three ingresses, and the
 * process's file descriptors, heap after GC, threads and RSS sampled every minute.
 */
package io.dashcast.bench.soak;
