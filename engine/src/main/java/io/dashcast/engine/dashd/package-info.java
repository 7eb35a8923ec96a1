/**
 * The local dashd over JSON-RPC: a client that speaks dashd's {@code submitblock} and reads every
 * answer shape dashd gives ({@link io.dashcast.engine.dashd.DashdRpcClient}), the typed result of a
 * submission ({@link io.dashcast.engine.dashd.SubmitBlockResult}), the fallback path that submits
 * every block to dashd on its own thread in parallel with the P2P fan-out
 * ({@link io.dashcast.engine.dashd.RpcFallback}), and the small bounded JSON reader and writer
 * these exchanges need ({@link io.dashcast.engine.dashd.Json}). JDK only: no HTTP server here.
 */
package io.dashcast.engine.dashd;
