package dev.cwo.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cwo.testkit.SimulatedCwoSiteMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated site in its own JVM ({@link SimulatedCwoSiteMain} with {@code --control-stdin}), so
 * that its CPU and memory are not counted as the scraper's. Reads both bases from its first lines
 * and its counters on demand.
 *
 * <p>Not thread-safe: one caller at a time. Closing it ends standard input, which ends the site,
 * and kills it if it lingers.
 */
final class SiteProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final URI apiBase;
  private final URI storeBase;
  private final String banner;

  private SiteProcess(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    URI api = null;
    URI store = null;
    String vehicles = null;
    while (vehicles == null) {
      String line = out.readLine();
      if (line == null) {
        throw new IOException("the site process ended before it was up (exit "
            + waitExit() + "); see its log");
      }
      if (line.startsWith("API base:")) {
        api = URI.create(line.substring(9).trim());
      } else if (line.startsWith("Store base:")) {
        store = URI.create(line.substring(11).trim());
      } else if (line.startsWith("Vehicles:")) {
        vehicles = line;
      }
    }
    if (api == null || store == null) {
      throw new IOException("the site process printed no bases before: " + vehicles);
    }
    this.apiBase = api;
    this.storeBase = store;
    this.banner = vehicles;
  }

  /** Starts the site with these options and waits until it prints its bases. */
  static SiteProcess start(List<String> siteArgs, Path log) throws IOException {
    List<String> args = new ArrayList<>(siteArgs);
    args.add("--control-stdin");
    Process p = new ProcessBuilder(
            JavaCommand.of(List.of("-Xss512k"), SimulatedCwoSiteMain.class, args))
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    try {
      return new SiteProcess(p);
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  URI apiBase() {
    return apiBase;
  }

  URI storeBase() {
    return storeBase;
  }

  /** The site's {@code Vehicles: N, fitment pages: M, faults: ...} line. */
  String banner() {
    return banner;
  }

  /** The site's counters now, as {@code SimulatedCwoSiteMain} prints them. */
  JsonNode stats() {
    return parse(command("stats", "stats "));
  }

  /** CPU time the site process has used so far, in seconds; -1 if the OS does not say. */
  double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
  }

  /** Zeroes the site's counters. */
  void reset() {
    command("reset", "reset ok");
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line.substring("stats ".length()));
    } catch (IOException e) {
      throw new UncheckedIOException("bad stats line from the site: " + line, e);
    }
  }

  private String command(String command, String answerPrefix) {
    try {
      in.write(command + "\n");
      in.flush();
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(answerPrefix)) {
          return line;
        }
      }
      throw new IOException("the site process ended while answering " + command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int waitExit() {
    try {
      return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // the process is going anyway
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
