/**
 * cwo's metrics backend on Dropwizard Metrics: {@link dev.cwo.metrics.DropwizardMetricTracker}
 * implements {@link dev.cwo.spi.MetricTracker} over a registry the caller supplies, and {@link
 * dev.cwo.metrics.PerformanceMonitor} reads it back as per-operation and per-thread statistics,
 * distributions, a printed or logged report, a JSON export (schema: the resource {@code
 * dev/cwo/metrics/metrics-schema.json}) and Dropwizard's periodic reporters. {@link
 * dev.cwo.metrics.MetricsSnapshot} is one reading of it, written to or read from JSON. Metric
 * names: {@link dev.cwo.MetricNames} and {@code docs/metrics.md}.
 */
package dev.cwo.metrics;
