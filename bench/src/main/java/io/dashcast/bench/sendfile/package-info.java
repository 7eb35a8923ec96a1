/**
 * Zero-copy fan-out of a large block: {@code FileChannel.transferTo} (sendfile(2) on Linux) from a
 * framed block held in a file on tmpfs, against {@code SocketChannel.write} of a direct buffer and
 * of the same file mapped, to N loopback receivers. Run it with {@code bench/sendfile.sh}; results
 * in {@code bench/README-sendfile.md}.
 */
package io.dashcast.bench.sendfile;
