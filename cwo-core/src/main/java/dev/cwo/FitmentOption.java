package dev.cwo;

import java.util.Objects;

/**
 * One setup a fitment is given for: suspension, modification (the site's "trimming") and rubbing,
 * each as the site spells it, e.g. {@code ("Leveling Kit", "Minor Plastic Trimming", "Rubs")}.
 *
 * <p>Immutable and thread-safe.
 */
public record FitmentOption(String suspension, String modification, String rubbing)
    implements Comparable<FitmentOption> {

  public FitmentOption {
    Objects.requireNonNull(suspension, "suspension");
    Objects.requireNonNull(modification, "modification");
    Objects.requireNonNull(rubbing, "rubbing");
  }

  @Override
  public int compareTo(FitmentOption o) {
    int c = suspension.compareTo(o.suspension);
    if (c == 0) c = modification.compareTo(o.modification);
    if (c == 0) c = rubbing.compareTo(o.rubbing);
    return c;
  }

  @Override
  public String toString() {
    return suspension + " / " + modification + " / " + rubbing;
  }
}
