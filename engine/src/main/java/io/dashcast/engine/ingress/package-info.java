/**
 * Shared-memory ingress: a many-to-one Agrona ring buffer in a memory-mapped file (by default
 * under {@code /dev/shm}) into which other processes write blocks.
 * {@link io.dashcast.engine.ingress.SharedMemoryBlockQueue} maps the file and documents its
 * layout for writers in any language; {@link io.dashcast.engine.ingress.SharedMemoryBlockPublisher}
 * writes blocks from another Java process; {@link io.dashcast.engine.ingress.SharedMemoryBlockReceiver}
 * is the agent that polls the ring in the daemon and hands each block on without copying; with a
 * controlled handler a block the broadcaster cannot take yet (ring full) stays in the queue. One
 * reader per queue file: the receiver holds an exclusive OS lock on {@code <queue>.lock}.
 */
package io.dashcast.engine.ingress;
