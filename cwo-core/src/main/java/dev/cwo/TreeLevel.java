package dev.cwo;

/**
 * The levels of the site's vehicle tree, from the top down, as the processor walks them: each level
 * is one kind of request. A request's {@code path} is the list of names that identifies it, from the
 * year down: asking for the trims of a model ({@link #TRIMS}) has the path
 * {@code [2025, Acura, ADX]}; one fitment page has eight names.
 */
public enum TreeLevel {
  /** The list of years; path {@code []}. */
  YEARS(0),
  /** The makes of a year; path {@code [year]}. */
  MAKES(1),
  /** A year and make's models; path {@code [year, make]}. */
  MODELS(2),
  /** A model's trims; path {@code [year, make, model]}. */
  TRIMS(3),
  /** A trim's drives; path {@code [year, make, model, trim]}. */
  DRIVES(4),
  /** A vehicle record; path {@code [year, make, model, trim, drive]}. */
  VEHICLES(5),
  /** A vehicle's session and option lists; path as for {@link #VEHICLES}. */
  SESSIONS(5),
  /** One fitment page; path {@code [year, make, model, trim, drive, suspension, modification, rubbing]}. */
  COMBINATIONS(8);

  private final int pathLength;

  TreeLevel(int pathLength) {
    this.pathLength = pathLength;
  }

  /** How many names a path at this level has. */
  public int pathLength() {
    return pathLength;
  }
}
