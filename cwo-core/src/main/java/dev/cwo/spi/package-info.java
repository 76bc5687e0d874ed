/**
 * The parts a {@link dev.cwo.MultithreadedProcessor} composes, each an interface with a default
 * implementation in its own module: {@link dev.cwo.spi.FetchClient} (cwo-net),
 * {@link dev.cwo.spi.FitmentSource} (cwo-net), {@link dev.cwo.spi.CombinationStore} (cwo-db; an
 * in-memory one here), {@link dev.cwo.spi.MetricTracker} (cwo-metrics; a no-op here),
 * {@link dev.cwo.spi.ProgressListener} and {@link dev.cwo.spi.WorkCoordinator}. Write against these
 * to plug in your own; the contract kits in cwo-testkit check an implementation.
 */
package dev.cwo.spi;
