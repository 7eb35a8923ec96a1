/**
 * The embeddable broadcaster: {@link io.dashcast.engine.Broadcaster} with its
 * {@link io.dashcast.engine.BroadcasterContext}, the Disruptor ring of pre-framed block slots,
 * broadcast loops (one selector thread each) and their peer connections, receipts and stats.
 */
package io.dashcast.engine;
