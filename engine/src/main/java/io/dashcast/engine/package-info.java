/**
 * The embeddable broadcaster: {@link io.dashcast.engine.Broadcaster} with its
 * {@link io.dashcast.engine.BroadcasterContext}, the Disruptor ring of pre-framed block slots,
 * broadcast loops (one selector thread each) and their peer connections, the
 * {@code SendPolicy} that gives each peer the full block, a BIP152 compact block
 * or only the header, receipts and stats.
 * <p>
 * Each broadcast loop is an Agrona {@code Agent} with one job per class around it: peers
 * ({@code PeerConnection} with its socket, outbox, acks, pings, reconnect policy, frame reader and
 * message adapter) and slots ({@code SlotTracker}, {@code PacedSends}, {@code BlockRequestServer},
 * {@code HeldBackBlocks}). {@link io.dashcast.engine.ThreadingMode} chooses whether the loops get
 * their own threads or are driven through {@link io.dashcast.engine.Broadcaster#invoker()}; errors
 * are counted and kept in a distinct error log ({@link io.dashcast.engine.Broadcaster#readErrors}).
 */
package io.dashcast.engine;
