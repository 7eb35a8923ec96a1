/**
 * The deployment case of the latency harness ({@code bench/run --deployment}): blocks spaced like
 * real blocks with a cache-polluting load in between, the first block after a fresh start (one
 * child JVM per sample), and each way in (in-process {@code submit}, the shared-memory queue,
 * JSON-RPC {@code submitblock}) timed from the ingress call, side by side with the floor.
 */
package io.dashcast.bench.deployment;
