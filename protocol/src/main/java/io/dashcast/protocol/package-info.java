/**
 * The Dash P2P wire format: network parameters, the v1 message header and framing, X11 and
 * double SHA-256, BIP152 short ids, and a zero-copy view over encoded blocks. No threads, no sockets, and no
 * allocation on hot paths.
 */
package io.dashcast.protocol;
