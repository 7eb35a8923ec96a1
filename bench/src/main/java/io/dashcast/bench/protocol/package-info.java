/**
 * JMH benchmarks of the protocol module: framing (checksum) against the JDK's own double SHA-256,
 * X11 of a block header, and decoding of every message type. Run with {@code -prof gc}: every
 * figure here should show about 0 B/op.
 */
package io.dashcast.bench.protocol;
