package dev.cwo.spi;

/**
 * Receives progress snapshots while a run goes on. Called from one thread at a time, at the
 * processor's progress interval and once at the end; must return quickly and not throw.
 */
@FunctionalInterface
public interface ProgressListener {

  void onProgress(ProgressSnapshot snapshot);

  /** A listener that ignores every snapshot. */
  static ProgressListener none() {
    return snapshot -> {};
  }
}
