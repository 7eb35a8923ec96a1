/**
 * The dashcast daemon: the three ways blocks come in (JSON-RPC {@code submitblock}, the
 * shared-memory queue, the in-process {@link io.dashcast.tools.daemon.BlockSubmitter}), each block
 * sent over P2P and to the local dashd's RPC in parallel, and the seed-style submission log.
 */
package io.dashcast.tools.daemon;
