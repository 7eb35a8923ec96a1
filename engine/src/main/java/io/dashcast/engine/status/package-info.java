/**
 * Counters and latency recorders: every figure the engine keeps, as an Agrona counter in a
 * {@link org.agrona.concurrent.status.CountersManager} (optionally over a memory-mapped file another
 * process can read, laid out by {@link io.dashcast.engine.status.CountersFileDescriptor}) or an
 * HdrHistogram {@link org.HdrHistogram.Recorder}. Written allocation-free on the broadcast loops;
 * read at scrape or sample time by the tools ({@code dashcast stat}, Prometheus, the dashboard).
 * {@link io.dashcast.engine.status.SystemCounterDescriptor} and
 * {@link io.dashcast.engine.status.PeerCounterDescriptor} list them: adding one is one line.
 */
package io.dashcast.engine.status;
