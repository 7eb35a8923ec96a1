/**
 * The incoming JSON-RPC side: the dashd gateway a pool points its daemon URL at
 * ({@link io.dashcast.tools.jsonrpc.RpcGateway}, its own one-thread HTTP/1.1 server), which passes every call through to the
 * local dashd unchanged ({@link io.dashcast.tools.jsonrpc.GatewayCalls}) except {@code submitblock},
 * found in the body by one streaming pass ({@link io.dashcast.tools.jsonrpc.RequestScan}), handed to
 * a {@link io.dashcast.tools.jsonrpc.BlockSink} and answered with dashd's verdict
 * ({@link io.dashcast.tools.jsonrpc.SubmitBlockAnswer}); and the cookie it writes
 * ({@link io.dashcast.tools.jsonrpc.RpcCookie}).
 */
package io.dashcast.tools.jsonrpc;
