/**
 * The local dashd over JSON-RPC: a client that speaks dashd's {@code submitblock} and reads every
 * answer shape dashd gives ({@link io.dashcast.engine.dashd.DashdRpcClient}), the typed result of a
 * submission ({@link io.dashcast.engine.dashd.SubmitBlockResult}), the fallback path that submits
 * every block to dashd on its own thread in parallel with the P2P fan-out
 * ({@link io.dashcast.engine.dashd.RpcFallback}), and the pass-through a gateway forwards pool
 * calls with ({@link io.dashcast.engine.dashd.DashdRpcClient#forward}). The JDK's HTTP client and
 * Jackson: no HTTP server here.
 */
package io.dashcast.engine.dashd;
