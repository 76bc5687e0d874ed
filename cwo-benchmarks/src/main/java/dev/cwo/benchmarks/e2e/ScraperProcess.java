package dev.cwo.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ScrapeWorker} JVM as the runner sees it: started with given JVM options, read line by
 * line, and either waited for ({@link #awaitResult()}) or killed ({@link #kill()}).
 *
 * <p>Not thread-safe.
 */
final class ScraperProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final BufferedReader out;
  private final List<String> command;
  private final Path log;

  private ScraperProcess(Process process, List<String> command, Path log) {
    this.process = process;
    this.command = command;
    this.log = log;
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ScraperProcess start(List<String> jvmArgs, URI api, URI store, String jdbcUrl,
      int workers, double rate, long progressMs, List<String> extra, Path log) throws IOException {
    List<String> args = new ArrayList<>(List.of("--api", api.toString(), "--store",
        store.toString(), "--db", jdbcUrl, "--workers", Integer.toString(workers), "--rate",
        Double.toString(rate), "--progress-ms", Long.toString(progressMs)));
    args.addAll(extra);
    List<String> cmd = JavaCommand.of(jvmArgs, ScrapeWorker.class, args);
    Process p = new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    return new ScraperProcess(p, cmd, log);
  }

  /** Reads until a {@code progress P} line with {@code P >= pages}; false if the run ended first. */
  boolean awaitProgress(long pages) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("progress ") && Long.parseLong(line.substring(9).trim()) >= pages) {
        return true;
      }
      if (line.startsWith("result ")) {
        return false;
      }
      other(line);
    }
    return false;
  }

  /** Keeps any other output (e.g. JVM diagnostics printed at exit) in the process's log. */
  private void other(String line) throws IOException {
    if (!line.startsWith("progress ")) {
      Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** Kills the process at once ({@code destroyForcibly}, i.e. SIGKILL) and waits for it to go. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("a killed scraper did not end within 60 s");
    }
  }

  /** Reads to the {@code result} line and waits for the process to end. */
  JsonNode awaitResult() throws IOException, InterruptedException {
    String line;
    JsonNode result = null;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("result ")) {
        result = JSON.readTree(line.substring(7));
      } else {
        other(line);
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the scraper did not exit after its result");
    }
    if (result == null || process.exitValue() != 0) {
      throw new IllegalStateException("the scraper ended with exit " + process.exitValue()
          + " and " + (result == null ? "no result" : "a result") + "; command: " + command);
    }
    return result;
  }
}
