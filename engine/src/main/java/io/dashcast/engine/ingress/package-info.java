/**
 * Shared-memory ingress: a many-to-one Agrona ring buffer in a memory-mapped file (by default
 * under {@code /dev/shm}) into which other processes write blocks.
 * {@link io.dashcast.engine.ingress.SharedMemoryBlockQueue} maps the file and documents its
 * layout for writers in any language; {@link io.dashcast.engine.ingress.SharedMemoryBlockPublisher}
 * writes blocks from another Java process; {@link io.dashcast.engine.ingress.SharedMemoryBlockReceiver}
 * is the agent that polls the ring in the daemon and hands each block on without copying.
 */
package io.dashcast.engine.ingress;
