package dev.cwo;

import java.util.List;
import java.util.Objects;

/**
 * A list of children the site gave for one node of the tree (the models of a year and make, the
 * trims of a model, ...), kept so a later run can resume without asking again.
 *
 * @param level the level asked ({@link TreeLevel#MODELS} for a year and make's models)
 * @param path the request's path at that level (for {@link TreeLevel#MODELS}: {@code [year, make]})
 * @param children the distinct names, in the site's order
 */
public record CachedLevel(TreeLevel level, List<String> path, List<String> children) {

  public CachedLevel {
    Objects.requireNonNull(level, "level");
    path = List.copyOf(path);
    children = List.copyOf(children);
    if (path.size() != level.pathLength() || level.pathLength() > TreeLevel.DRIVES.pathLength()) {
      throw new IllegalArgumentException(
          "a cached " + level + " list needs a path of " + level.pathLength() + " names, got " + path);
    }
  }
}
