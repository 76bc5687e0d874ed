package dev.cwo.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one scenario: how it was set up, what was measured, and each target with its
 * verdict. Built by the runner, rendered by {@link #markdown()}.
 *
 * <p>Not thread-safe (built once, then read).
 */
final class ScenarioResult {
  /** One target: what was wanted, what was measured, and whether it was met. */
  record Check(String target, String measured, boolean met) {}

  final String name;
  final String title;
  final String setup;
  final List<String[]> figures = new ArrayList<>();
  final List<Check> checks = new ArrayList<>();

  ScenarioResult(String name, String title, String setup) {
    this.name = name;
    this.title = title;
    this.setup = setup;
  }

  ScenarioResult figure(String label, String value) {
    figures.add(new String[] {label, value});
    return this;
  }

  ScenarioResult check(String target, String measured, boolean met) {
    checks.add(new Check(target, measured, met));
    return this;
  }

  boolean allMet() {
    return checks.stream().allMatch(Check::met);
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("### ").append(name).append(": ").append(title).append("\n\n");
    b.append(setup).append("\n\n");
    b.append("Command: `cwo-benchmarks/run-all.sh ").append(name).append("`\n\n");
    b.append("| target | measured | verdict |\n|---|---|---|\n");
    for (Check c : checks) {
      b.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ")
          .append(c.met() ? "**met**" : "**missed**").append(" |\n");
    }
    b.append("\n| figure | value |\n|---|---|\n");
    for (String[] f : figures) {
      b.append("| ").append(f[0]).append(" | ").append(f[1]).append(" |\n");
    }
    return b.append('\n').toString();
  }
}
