/**
 * The end-to-end benchmark: the simulated site in one process, the scraper (processor, HttpClient
 * 5 client, CWO source, SQLite store) in another, and a runner that starts both, measures the
 * scraping process alone (wall time, requests/s, CPU per 1,000 requests, peak RSS, peak heap after
 * GC), checks the store against the site's ground truth and writes the results.
 *
 * <p>Entry point: {@link dev.cwo.benchmarks.e2e.EndToEndBenchmark}. Not a published API.
 */
package dev.cwo.benchmarks.e2e;
