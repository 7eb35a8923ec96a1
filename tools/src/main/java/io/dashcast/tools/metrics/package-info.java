/**
 * The daemon's monitoring endpoint: the Prometheus collector over the engine's counters and
 * HdrHistogram recorders ({@link io.dashcast.tools.metrics.DashcastCollector}), the HTTP server for
 * {@code /metrics}, {@code /health} and the dashboard ({@link io.dashcast.tools.metrics.MetricsHttpServer}),
 * the health rule ({@link io.dashcast.tools.metrics.HealthCheck}), the sampler that refreshes gauges and
 * writes the interval histogram log ({@link io.dashcast.tools.metrics.StatusSampler}) and the follower
 * of our blocks in the chain ({@link io.dashcast.tools.metrics.ChainTracker}).
 */
package io.dashcast.tools.metrics;
