package dev.cwo.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM on this JVM's own {@code java} and class path.
 *
 * <p>Stateless and thread-safe.
 */
final class JavaCommand {
  private JavaCommand() {}

  static List<String> of(List<String> jvmArgs, Class<?> main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    return cmd;
  }
}
