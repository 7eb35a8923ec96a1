/**
 * JSON-RPC ingress: a dashd-compatible {@code submitblock} endpoint on loopback
 * ({@link io.dashcast.tools.jsonrpc.SubmitBlockHttpServer}) that any pool can point its block
 * submission at, handing each structurally valid block to a {@link io.dashcast.tools.jsonrpc.BlockSink};
 * dashd-style credentials ({@link io.dashcast.tools.jsonrpc.RpcCookie}); and
 * {@link io.dashcast.tools.jsonrpc.FakeDashd}, an HTTP server that answers exactly as a recorded dashd
 * does, for tests and the demo.
 */
package io.dashcast.tools.jsonrpc;
