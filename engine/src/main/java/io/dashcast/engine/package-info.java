/**
 * The embeddable broadcaster: {@link io.dashcast.engine.Broadcaster} with its
 * {@link io.dashcast.engine.BroadcasterContext}, the Disruptor ring of pre-framed block slots,
 * broadcast loops (one selector thread each) and their peer connections, the
 * {@code SendPolicy} that gives each peer the full block, a BIP152 compact block
 * or only the header, receipts and stats.
 */
package io.dashcast.engine;
