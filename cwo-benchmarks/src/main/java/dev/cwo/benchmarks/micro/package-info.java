/**
 * JMH micro benchmarks of cwo's hot paths: parsing the site's answers ({@code ParseBenchmark}),
 * the client's cost per request against the simulated site ({@code FetchBenchmark}, with {@code
 * CpuTimeProfiler} for CPU per request), and the jOOQ store's batch upserts and existence checks
 * on SQLite and PostgreSQL next to the same work done one row or key at a time ({@code
 * StoreWriteBenchmark}, {@code StoreExistsBenchmark}). Run them with {@code run-micro.sh}; the
 * module's README holds the numbers.
 */
package dev.cwo.benchmarks.micro;
