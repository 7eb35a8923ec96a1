'use strict';

// Independent oracle for dashcast's protocol tests (run by NodeOracleTest).
//
// Usage: node oracle.js <input file>
// Input: one case per line, "<kind> <hex>", kind being x11 or block.
// Output (stdout): one line per input line, tab separated, in the same order:
//   x11    <32-byte digest, internal order, hex>
//   block  <hash, display order> <computed merkle root, display order> <header merkle root, display
//          order> <reserialized byte-identical: true|false> <txid:version:type:size,...>
//   error  <message>              (when a library throws)
//
// X11 comes from @dashevo/x11-hash-js; blocks are parsed, hashed and re-serialized by
// @dashevo/dashcore-lib. Neither shares code with the Java side (saphir-hash-core, JDK SHA-256).

const fs = require('fs');
const x11 = require('@dashevo/x11-hash-js');
const dashcore = require('@dashevo/dashcore-lib');

function x11Line(hex) {
  const digest = x11.digest(Buffer.from(hex, 'hex'), 1, 1);
  return 'x11\t' + Buffer.from(digest).toString('hex');
}

function reversedHex(buffer) {
  return Buffer.from(buffer).reverse().toString('hex');
}

function blockLine(hex) {
  // dashcore-lib reverses some payload fields in place in the buffer it parses (Buffer.slice
  // shares memory), so it gets its own copy and the re-serialization is compared with a fresh one.
  const block = dashcore.Block.fromBuffer(Buffer.from(hex, 'hex'));
  const txs = block.transactions
    .map((tx) => [tx.hash, tx.version, tx.type, tx.toBuffer().length].join(':'))
    .join(',');
  return [
    'block',
    block.header.hash,
    reversedHex(block.getMerkleRoot()),
    reversedHex(block.header.merkleRoot),
    String(block.toBuffer().equals(Buffer.from(hex, 'hex'))),
    txs,
  ].join('\t');
}

function caseLine(line) {
  const space = line.indexOf(' ');
  const kind = line.substring(0, space);
  const hex = line.substring(space + 1).trim();
  try {
    if (kind === 'x11') {
      return x11Line(hex);
    }
    if (kind === 'block') {
      return blockLine(hex);
    }
    return 'error\tunknown kind ' + kind;
  } catch (e) {
    return 'error\t' + String(e && e.message ? e.message : e).replace(/\s+/g, ' ');
  }
}

function main() {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node oracle.js <input file>\n');
    process.exit(2);
  }
  const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0);
  process.stdout.write(lines.map(caseLine).join('\n') + '\n');
}

main();
