/**
 * Payload flyweights, one per P2P message a broadcaster exchanges with Dash Core: each wraps a
 * payload in place to decode and validate it, and encodes with static methods or fluent setters
 * straight into a caller's buffer.
 */
package io.dashcast.protocol.message;
