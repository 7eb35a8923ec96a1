/**
 * The daemon's peer management around {@link io.dashcast.engine.peers}: the store file
 * ({@link io.dashcast.tools.peers.PeerStoreFile}).
 */
package io.dashcast.tools.peers;
