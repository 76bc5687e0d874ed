package dev.cwo.examples.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cwo} command: the entry point of the runnable jar.
 *
 * <p>Exit codes: 0 complete; 1 an unexpected error; 2 bad usage; 3 completed with failures (see the
 * failure journal); 4 blocked by the site's bot wall (finished work kept; run again later to
 * resume); 5 stopped before the end; 6 the database could not be used; 130 interrupted by Ctrl-C.
 */
@Command(
    name = "cwo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Scrapes the Custom Wheel Offset wheel-fitment table into a SQL database.",
    subcommands = {
      ScrapeCommand.class, DemoCommand.class, ExportCommand.class, FailuresCommand.class,
      ReportCommand.class, SiteCommand.class, StatusCommand.class, CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:complete",
      "1:an unexpected error",
      "2:bad usage",
      "3:completed, but some items failed (see the failure journal)",
      "4:blocked by the site's bot wall (finished work is kept; run again later to resume)",
      "5:stopped before the end",
      "6:the database could not be used",
      "130:interrupted by Ctrl-C (a first Ctrl-C saves finished results; a second stops at once)"
    })
public final class CwoCommand {
  public static final int COMPLETED_WITH_FAILURES = 3;
  public static final int BLOCKED = 4;
  public static final int STOPPED = 5;
  public static final int DATABASE_UNAVAILABLE = 6;

  private final Map<String, String> env;
  private final boolean terminal;

  private CwoCommand(Map<String, String> env, boolean terminal) {
    this.env = Map.copyOf(env);
    this.terminal = terminal;
  }

  /** Whether standard output is an interactive terminal (then runs show a progress bar). */
  boolean terminal() {
    return terminal;
  }

  /** Whether this process's standard output is a terminal: {@code Console.isTerminal()} from Java 22, else a console exists. */
  static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException before22) {
      return true; // before Java 22 System.console() is null unless both ends are a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
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
    return commandLine(System.getenv(), stdoutIsTerminal());
  }

  /** The command line, reading settings from the given environment; tests call this. */
  public static CommandLine commandLine(Map<String, String> env) {
    return commandLine(env, false);
  }

  /** The command line, reading settings from {@code env}; {@code terminal} turns on the progress bar. */
  static CommandLine commandLine(Map<String, String> env, boolean terminal) {
    CommandLine cli = new CommandLine(new CwoCommand(env, terminal));
    cli.setParameterExceptionHandler(CwoCommand::badUsage);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("cwo: " + e.getMessage());
          if (e instanceof dev.cwo.InvalidConfigurationException) return commandLine.getCommandSpec().exitCodeOnInvalidInput();
          return e instanceof dev.cwo.StoreException ? DATABASE_UNAVAILABLE : 1;
        });
    return cli;
  }

  /** Bad usage: what was wrong, suggestions for a mistyped option, and where to find help; exit 2. */
  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    java.io.PrintWriter err = cmd.getErr();
    err.println("cwo: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }
}
