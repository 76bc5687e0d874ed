package dev.cwo;

/** How a run of {@link MultithreadedProcessor#process} ended. */
public enum Outcome {
  /** Every item of every unit was scraped and stored. */
  COMPLETE,
  /** The run went through every unit, but some items failed; they are in the failure journal. */
  COMPLETED_WITH_FAILURES,
  /**
   * The site's bot wall blocked a host; the run stopped and kept every finished result. Run again
   * later (or with the user's token cookie) to resume.
   */
  BLOCKED,
  /** The run was stopped (by {@link MultithreadedProcessor#stop()} or an interrupt) before the end. */
  STOPPED
}
