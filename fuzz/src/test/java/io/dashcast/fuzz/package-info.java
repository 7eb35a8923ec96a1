/**
 * Coverage-guided fuzz tests (Jazzer + JUnit 5) of every parser that reads outside input: peer
 * frames and payloads ({@code protocol}), blocks ({@code BlockView}), the JSON-RPC endpoint over a
 * loopback socket, the peers configuration (JSON and YAML) and shared-memory queue records. One
 * {@code @FuzzTest} per class, because Jazzer fuzzes one target per JVM. A crash, an exception of a
 * type the parser does not promise, or a hang ({@link io.dashcast.fuzz.HangWatchdog}) fails the run.
 */
package io.dashcast.fuzz;
