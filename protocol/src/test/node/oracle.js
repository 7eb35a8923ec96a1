'use strict';

// Independent oracle for dashcast's protocol tests (run by NodeOracleTest).
//
// Usage: node oracle.js <input file>
// Input: one case per line, "<kind> <hex>", kind being x11 or block; or "shortids <nonce> <block hex>",
// the nonce as 8 bytes of hex in wire (little-endian) order.
// Output (stdout): one line per input line, tab separated, in the same order:
//   x11    <32-byte digest, internal order, hex>
//   block  <hash, display order> <computed merkle root, display order> <header merkle root, display
//          order> <reserialized byte-identical: true|false> <txid:version:type:size,...>
//   shortids <k0 hex> <k1 hex> <short id of tx 1, 12 hex digits>,<tx 2>,...  (BIP152, coinbase excluded)
//   error  <message>              (when a library throws)
//
// X11 comes from @dashevo/x11-hash-js; blocks are parsed, hashed and re-serialized by
// @dashevo/dashcore-lib. Neither shares code with the Java side (saphir-hash-core, JDK SHA-256).
// BIP152 short ids: keys from Node's own SHA-256 (crypto) of dashcore-lib's header bytes and the
// nonce, SipHash-2-4 from npm siphash (jedisct1's siphash-js) over dashcore-lib's txids.

const fs = require('fs');
const x11 = require('@dashevo/x11-hash-js');
const dashcore = require('@dashevo/dashcore-lib');
const crypto = require('crypto');
const siphash = require('siphash');

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

function shortIdsLine(rest) {
  const space = rest.indexOf(' ');
  const nonce = Buffer.from(rest.substring(0, space), 'hex');
  const block = dashcore.Block.fromBuffer(Buffer.from(rest.substring(space + 1).trim(), 'hex'));
  const digest = crypto.createHash('sha256').update(Buffer.concat([block.header.toBuffer(), nonce])).digest();
  const key = [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
  const ids = block.transactions.slice(1).map((tx) => {
    const txid = Uint8Array.from(Buffer.from(tx.hash, 'hex').reverse());
    const h = siphash.hash(key, txid);
    const id = (BigInt(h.h & 0xffff) << 32n) | BigInt(h.l >>> 0);
    return id.toString(16).padStart(12, '0');
  });
  return ['shortids', digest.readBigUInt64LE(0).toString(16).padStart(16, '0'),
    digest.readBigUInt64LE(8).toString(16).padStart(16, '0'), ids.join(',')].join('\t');
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
    if (kind === 'shortids') {
      return shortIdsLine(hex);
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
