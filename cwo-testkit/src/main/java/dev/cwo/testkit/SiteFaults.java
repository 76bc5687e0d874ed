package dev.cwo.testkit;

import dev.cwo.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The faults {@link SimulatedCwoSite} injects: an immutable configuration, swapped at runtime with
 * {@link SimulatedCwoSite#setFaults(SiteFaults)}.
 *
 * <p>Knobs (all off by default; rates are per request, in [0, 1]):
 *
 * <ul>
 *   <li>{@code latency(mean, jitter)}: each answer waits {@code mean ± jitter} (uniform, never
 *       below zero) on a server thread of a pool large enough for many clients;
 *   <li>{@code rateLimit(n)}: at most {@code n} accepted requests <b>per host</b> in any sliding
 *       one-second window of the site's clock; over it, {@code 429} with {@code Retry-After} in
 *       whole seconds (at least 1) and {@code {"message":"Too Many Requests"}}; rejected requests do
 *       not use up the budget; 0 = off;
 *   <li>{@code serverErrorRate}: {@code 500/502/503/504} with an HTML or JSON body;
 *   <li>{@code connectionResetRate}: the connection is closed without an answer;
 *   <li>{@code truncatedBodyRate}: a {@code 200} that would carry data stops short, in the {@link
 *       Truncation} style chosen;
 *   <li>{@code humanVerificationRate}: a one-off "Human Verification" page (status 200, 202 or
 *       405, sometimes {@code x-amzn-waf-action: captcha});
 *   <li>{@code forbiddenRate}: {@code 403} with {@code {"message":"Forbidden"}};
 *   <li>{@code wall(host, on)}: a persistent bot wall: every request to that host gets the
 *       verification page until it is switched off.
 * </ul>
 *
 * <p>Order per request: latency, persistent wall, rate limit, then one seeded draw picks at most
 * one of reset, 5xx, 403, verification page, truncation (the random rates must sum to at most 1).
 * Each draw is a fresh coin flip, so no resource is faulted forever. Immutable and thread-safe.
 * Usage:
 *
 * <pre>{@code
 * site.setFaults(SiteFaults.builder().serverErrorRate(0.05).rateLimit(200).build());
 * }</pre>
 */
public final class SiteFaults {
  /** How a truncated body is cut. */
  public enum Truncation {
    /** Full {@code Content-Length} header, half the bytes, then the connection closes. */
    CUT_CONNECTION,
    /** A well-formed response whose body is the first half of the real body. */
    SHORT_BODY,
    /** Either, by a seeded coin flip per truncated response. */
    MIXED
  }

  private static final SiteFaults NONE = builder().build();

  private final Duration latencyMean;
  private final Duration latencyJitter;
  private final int rateLimit;
  private final double serverErrorRate;
  private final double connectionResetRate;
  private final double truncatedBodyRate;
  private final Truncation truncation;
  private final double humanVerificationRate;
  private final double forbiddenRate;
  private final Set<SiteHost> walls;

  private SiteFaults(Builder b) {
    latencyMean = b.latencyMean;
    latencyJitter = b.latencyJitter;
    rateLimit = b.rateLimit;
    serverErrorRate = b.serverErrorRate;
    connectionResetRate = b.connectionResetRate;
    truncatedBodyRate = b.truncatedBodyRate;
    truncation = b.truncation;
    humanVerificationRate = b.humanVerificationRate;
    forbiddenRate = b.forbiddenRate;
    walls = b.walls.isEmpty() ? Set.of() : Set.copyOf(b.walls);
  }

  /** No faults at all. */
  public static SiteFaults none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration, to change a knob or two. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.latencyMean = latencyMean;
    b.latencyJitter = latencyJitter;
    b.rateLimit = rateLimit;
    b.serverErrorRate = serverErrorRate;
    b.connectionResetRate = connectionResetRate;
    b.truncatedBodyRate = truncatedBodyRate;
    b.truncation = truncation;
    b.humanVerificationRate = humanVerificationRate;
    b.forbiddenRate = forbiddenRate;
    b.walls.addAll(walls);
    return b;
  }

  public Duration latencyMean() {
    return latencyMean;
  }

  public Duration latencyJitter() {
    return latencyJitter;
  }

  /** Requests per second per host; 0 = no limit. */
  public int rateLimit() {
    return rateLimit;
  }

  public double serverErrorRate() {
    return serverErrorRate;
  }

  public double connectionResetRate() {
    return connectionResetRate;
  }

  public double truncatedBodyRate() {
    return truncatedBodyRate;
  }

  public Truncation truncation() {
    return truncation;
  }

  public double humanVerificationRate() {
    return humanVerificationRate;
  }

  public double forbiddenRate() {
    return forbiddenRate;
  }

  /** Whether the persistent bot wall of this host is up. */
  public boolean wall(SiteHost host) {
    return walls.contains(host);
  }

  @Override
  public String toString() {
    return "SiteFaults[latency=" + latencyMean + "±" + latencyJitter + ", rateLimit=" + rateLimit
        + ", 5xx=" + serverErrorRate + ", reset=" + connectionResetRate + ", truncated="
        + truncatedBodyRate + "(" + truncation + "), verification=" + humanVerificationRate
        + ", 403=" + forbiddenRate + ", walls=" + walls + "]";
  }

  /**
   * Collects fault knobs; {@link #build()} checks them all at once.
   *
   * <p>Not thread-safe; the configuration it builds is.
   */
  public static final class Builder {
    private Duration latencyMean = Duration.ZERO;
    private Duration latencyJitter = Duration.ZERO;
    private int rateLimit;
    private double serverErrorRate;
    private double connectionResetRate;
    private double truncatedBodyRate;
    private Truncation truncation = Truncation.MIXED;
    private double humanVerificationRate;
    private double forbiddenRate;
    private final Set<SiteHost> walls = EnumSet.noneOf(SiteHost.class);

    private Builder() {}

    public Builder latency(Duration mean, Duration jitter) {
      this.latencyMean = Objects.requireNonNull(mean, "mean");
      this.latencyJitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    public Builder rateLimit(int requestsPerSecondPerHost) {
      this.rateLimit = requestsPerSecondPerHost;
      return this;
    }

    public Builder serverErrorRate(double rate) {
      this.serverErrorRate = rate;
      return this;
    }

    public Builder connectionResetRate(double rate) {
      this.connectionResetRate = rate;
      return this;
    }

    public Builder truncatedBodyRate(double rate) {
      this.truncatedBodyRate = rate;
      return this;
    }

    public Builder truncation(Truncation style) {
      this.truncation = Objects.requireNonNull(style, "style");
      return this;
    }

    public Builder humanVerificationRate(double rate) {
      this.humanVerificationRate = rate;
      return this;
    }

    public Builder forbiddenRate(double rate) {
      this.forbiddenRate = rate;
      return this;
    }

    /** Puts the persistent bot wall of {@code host} up or down. */
    public Builder wall(SiteHost host, boolean on) {
      Objects.requireNonNull(host, "host");
      if (on) {
        walls.add(host);
      } else {
        walls.remove(host);
      }
      return this;
    }

    /** Checks every knob; throws {@link InvalidConfigurationException} naming each bad one. */
    public SiteFaults build() {
      List<String> problems = new ArrayList<>();
      if (latencyMean.isNegative()) {
        problems.add("latency mean must not be negative, was " + latencyMean);
      }
      if (latencyJitter.isNegative()) {
        problems.add("latency jitter must not be negative, was " + latencyJitter);
      }
      if (rateLimit < 0) {
        problems.add("rateLimit must be >= 0 (0 = off), was " + rateLimit);
      }
      rate(problems, "serverErrorRate", serverErrorRate);
      rate(problems, "connectionResetRate", connectionResetRate);
      rate(problems, "truncatedBodyRate", truncatedBodyRate);
      rate(problems, "humanVerificationRate", humanVerificationRate);
      rate(problems, "forbiddenRate", forbiddenRate);
      double sum = serverErrorRate + connectionResetRate + truncatedBodyRate
          + humanVerificationRate + forbiddenRate;
      if (problems.isEmpty() && sum > 1.0 + 1e-9) {
        problems.add("the random fault rates must sum to at most 1, was " + sum);
      }
      if (!problems.isEmpty()) {
        throw new InvalidConfigurationException("SiteFaults", problems);
      }
      return new SiteFaults(this);
    }

    private static void rate(List<String> problems, String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        problems.add(name + " must be in [0, 1], was " + v);
      }
    }
  }
}
