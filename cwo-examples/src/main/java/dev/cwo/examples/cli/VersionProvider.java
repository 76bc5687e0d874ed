package dev.cwo.examples.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads cwo's version from the jar's manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = CwoCommand.class.getPackage().getImplementationVersion();
    return new String[] {"cwo " + (v == null ? "(development build)" : v)};
  }
}
