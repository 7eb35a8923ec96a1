/**
 * The broadcast peer configuration: {@code conf/broadcast_peers.json} (or {@code .yaml}) in the
 * seed's format, read with Chronicle Wire into immutable, validated records
 * ({@link io.dashcast.tools.config.BroadcastPeersConfig}). Every problem is a
 * {@link io.dashcast.tools.config.ConfigException} of one line: file, line, key and fix.
 */
package io.dashcast.tools.config;
