package dev.cwo;

import java.util.List;

/**
 * A builder was given settings it cannot accept. The message names every bad setting at once, with
 * the value given and what is allowed.
 */
public class InvalidConfigurationException extends CwoException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidConfigurationException(String what, List<String> problems) {
    super("invalid " + what + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One entry per bad setting, each naming the setting. */
  public List<String> problems() {
    return problems;
  }
}
