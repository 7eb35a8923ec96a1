'use strict';

// Independent oracle for dashcast's protocol tests (run by NodeOracleTest).
//
// Usage: node oracle.js <input.json>
// Input:  { "x11": ["<hex>", ...], "blocks": ["<hex>", ...] }
// Output (stdout, one JSON object):
//   { "x11":    ["<32-byte digest, internal order, hex>", ...],
//     "blocks": [{ "hash": "<display order>", "merkleRoot": "<computed, display order>",
//                  "headerMerkleRoot": "<display order>", "txids": [...], "versions": [...],
//                  "types": [...], "sizes": [...], "reserialized": true|false }
//                | { "error": "<message>" }, ...] }
//
// X11 comes from @dashevo/x11-hash-js; blocks are parsed, hashed and re-serialized by
// @dashevo/dashcore-lib. Neither shares code with the Java side (saphir-hash-core, JDK SHA-256).

const fs = require('fs');
const x11 = require('@dashevo/x11-hash-js');
const dashcore = require('@dashevo/dashcore-lib');

function x11Hex(hex) {
  const digest = x11.digest(Buffer.from(hex, 'hex'), 1, 1);
  return Buffer.from(digest).toString('hex');
}

function reversedHex(buffer) {
  return Buffer.from(buffer).reverse().toString('hex');
}

function describeBlock(hex) {
  try {
    // dashcore-lib reverses some payload fields in place in the buffer it parses (Buffer.slice
    // shares memory), so it gets a copy and the re-serialization is compared with a fresh one.
    const block = dashcore.Block.fromBuffer(Buffer.from(hex, 'hex'));
    const txs = block.transactions;
    return {
      hash: block.header.hash,
      merkleRoot: reversedHex(block.getMerkleRoot()),
      headerMerkleRoot: reversedHex(block.header.merkleRoot),
      txids: txs.map((tx) => tx.hash),
      versions: txs.map((tx) => tx.version),
      types: txs.map((tx) => tx.type),
      sizes: txs.map((tx) => tx.toBuffer().length),
      reserialized: block.toBuffer().equals(Buffer.from(hex, 'hex')),
    };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

function main() {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node oracle.js <input.json>\n');
    process.exit(2);
  }
  const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const output = {
    x11: (input.x11 || []).map(x11Hex),
    blocks: (input.blocks || []).map(describeBlock),
  };
  process.stdout.write(JSON.stringify(output));
  process.stdout.write('\n');
}

main();
