package dev.cwo.examples.cli;

import java.util.Map;
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
    subcommands = {
      ScrapeCommand.class, DemoCommand.class, ExportCommand.class, FailuresCommand.class,
      SiteCommand.class, StatusCommand.class, CommandLine.HelpCommand.class
    },
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

  private final Map<String, String> env;

  private CwoCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment settings are read from. */
  Map<String, String> env() {
    return env;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, reading settings from this process's environment. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** The command line, reading settings from the given environment; tests call this. */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new CwoCommand(env));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("cwo: " + e.getMessage());
          if (e instanceof dev.cwo.InvalidConfigurationException) return commandLine.getCommandSpec().exitCodeOnInvalidInput();
          return e instanceof dev.cwo.StoreException ? DATABASE_UNAVAILABLE : 1;
        });
    return cli;
  }
}
