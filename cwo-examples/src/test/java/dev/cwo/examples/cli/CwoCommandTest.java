package dev.cwo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CwoCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return runWith(java.util.Map.of(), args);
  }

  private int runWith(java.util.Map<String, String> env, String... args) {
    CommandLine cli = CwoCommand.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  @DisplayName("cwo demo scrapes the simulated site into SQLite; a second run skips everything")
  void demoRunsAndResumes() {
    String db = "jdbc:sqlite:" + dir.resolve("demo.db");

    int first = run("demo", "--db", db, "--quiet", "--workers", "8");

    assertThat(first).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("outcome:       COMPLETE").contains("requests:");
    assertThat(out.toString()).containsPattern("combinations:  [1-9][0-9]* fetched this run, 0 skipped");

    out.getBuffer().setLength(0);
    int second = run("demo", "--db", db, "--quiet");

    assertThat(second).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("combinations:  0 fetched this run");
  }

  @Test
  @DisplayName("bad settings exit with the usage code and name the setting")
  void badSettings() {
    assertThat(run("demo", "--db", "jdbc:sqlite:" + dir.resolve("x.db"), "--workers", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("workers must be at least 1, was 0 (flag)");

    assertThat(run("scrape", "--years", "20x5")).isEqualTo(2);
    assertThat(err.toString()).contains("--years must be YEAR or FROM-TO");
  }

  @Test
  @DisplayName("--help and --version work on every command")
  void helpAndVersion() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("scrape").contains("demo").contains("Exit codes");
    assertThat(run("scrape", "--help")).isZero();
    assertThat(out.toString()).contains("--api-base").contains("--store-base").contains("--db").contains("--workers");
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("cwo ");
  }

  @Test
  @DisplayName("settings come from flags, then CWO_* and the original's bare names, then defaults; --print-config says which")
  void settingsPrecedence() {
    assertThat(runWith(java.util.Map.of("WORKERS", "3", "FAST", "true", "SKIP_EXISTING", "false"), "scrape", "--print-config")).isZero();
    assertThat(out.toString())
        .containsPattern("workers += 3 +\\(environment WORKERS\\)")
        .containsPattern("fast += true +\\(environment FAST\\)")
        .containsPattern("skipExisting += false +\\(environment SKIP_EXISTING\\)")
        .containsPattern("db += jdbc:sqlite:cwo.db +\\(default\\)");

    out.getBuffer().setLength(0);
    assertThat(runWith(java.util.Map.of("CWO_WORKERS", "7", "WORKERS", "3"), "scrape", "--workers", "12", "--print-config")).isZero();
    assertThat(out.toString()).containsPattern("workers += 12 +\\(flag\\)");

    out.getBuffer().setLength(0);
    assertThat(runWith(java.util.Map.of("CWO_WORKERS", "7", "WORKERS", "3"), "scrape", "--print-config")).isZero();
    assertThat(out.toString()).containsPattern("workers += 7 +\\(environment CWO_WORKERS\\)");

    out.getBuffer().setLength(0);
    assertThat(runWith(java.util.Map.of("MULTITHREADING", "false"), "scrape", "--print-config")).isZero();
    assertThat(out.toString()).containsPattern("workers += 1 +\\(environment MULTITHREADING\\)");

    assertThat(runWith(java.util.Map.of("CWO_FAST", "maybe"), "scrape", "--print-config")).isEqualTo(2);
    assertThat(err.toString()).contains("environment CWO_FAST must be true or false, was 'maybe'");
  }
}
