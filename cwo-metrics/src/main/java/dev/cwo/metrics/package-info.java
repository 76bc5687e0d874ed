/**
 * cwo's metrics backend on Dropwizard Metrics: {@link dev.cwo.metrics.DropwizardMetricTracker}
 * implements {@link dev.cwo.spi.MetricTracker} over a registry the caller supplies, and {@link
 * dev.cwo.metrics.PerformanceMonitor} reads it back as per-operation and per-thread statistics, a
 * printed or logged report, and a JSON export.
 */
package dev.cwo.metrics;
