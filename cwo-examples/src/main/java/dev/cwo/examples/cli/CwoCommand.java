package dev.cwo.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cwo} command: the entry point of the runnable jar.
 *
 * <p>Exit codes: 0 complete; 1 an unexpected error; 2 bad usage; 3 completed with failures (see the
 * failure journal); 4 blocked by the site's bot wall (finished work kept; run again later to
 * resume); 5 stopped before the end; 6 the database could not be used.
 */
@Command(
    name = "cwo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Scrapes the Custom Wheel Offset wheel-fitment table into a SQL database.",
    subcommands = {ScrapeCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:complete",
      "1:an unexpected error",
      "2:bad usage",
      "3:completed, but some items failed (see the failure journal)",
      "4:blocked by the site's bot wall (finished work is kept; run again later to resume)",
      "5:stopped before the end",
      "6:the database could not be used"
    })
public final class CwoCommand {
  public static final int COMPLETED_WITH_FAILURES = 3;
  public static final int BLOCKED = 4;
  public static final int STOPPED = 5;
  public static final int DATABASE_UNAVAILABLE = 6;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, ready to execute; tests call this. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CwoCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("cwo: " + e.getMessage());
          if (e instanceof dev.cwo.InvalidConfigurationException) return commandLine.getCommandSpec().exitCodeOnInvalidInput();
          return e instanceof dev.cwo.StoreException ? DATABASE_UNAVAILABLE : 1;
        });
    return cli;
  }
}
