package dev.cwo.net;

import dev.cwo.CombinationKey;
import dev.cwo.Fitment;
import dev.cwo.FitmentOption;
import dev.cwo.SessionExpiredException;
import dev.cwo.Vehicle;
import dev.cwo.spi.FetchRequest;
import dev.cwo.spi.FetchSession;
import dev.cwo.spi.FitmentSession;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CwoFitmentSource}'s session for one vehicle: a store-host cookie session holding the
 * vehicle, renewed (once, however many callers notice at the same time) when the site lets it
 * expire. Thread-safe.
 */
final class CwoFitmentSession implements FitmentSession {
  private static final Logger LOG = LoggerFactory.getLogger(CwoFitmentSession.class);

  /** The cookie session in use and how many renewals produced it. */
  private record Current(FetchSession session, int generation) {}

  private final CwoFitmentSource source;
  private final Vehicle vehicle;
  private final List<FitmentOption> options;
  private final Object renewLock = new Object();
  private volatile Current current;
  private volatile boolean closed;

  CwoFitmentSession(
      CwoFitmentSource source, Vehicle vehicle, CwoFitmentSource.OptionLists lists,
      FetchSession first) {
    this.source = source;
    this.vehicle = vehicle;
    this.current = new Current(first, 0);
    Set<FitmentOption> product = new LinkedHashSet<>();
    for (String s : lists.suspensions()) {
      for (String m : lists.modifications()) {
        for (String r : lists.rubbings()) {
          product.add(new FitmentOption(s, m, r));
        }
      }
    }
    this.options = List.copyOf(new ArrayList<>(product));
  }

  @Override
  public Vehicle vehicle() {
    return vehicle;
  }

  @Override
  public List<FitmentOption> options() {
    return options;
  }

  @Override
  public Fitment fitment(FitmentOption option) {
    Objects.requireNonNull(option, "option");
    if (closed) {
      throw new IllegalStateException("the session for " + vehicle.key() + " is closed");
    }
    CombinationKey key = new CombinationKey(vehicle.key(), option);
    URI uri = source.fitmentUri(vehicle, option);
    SessionExpiredException last = null;
    for (int renewals = 0; renewals <= source.maxSessionRenewals(); renewals++) {
      Current used = current;
      try {
        return source
            .calls()
            .call(
                new FetchRequest(uri, Map.of(), used.session(), "fitment-page"),
                r -> source.pages().parse(key, r));
      } catch (SessionExpiredException e) {
        last = e;
        if (renewals < source.maxSessionRenewals()) {
          renew(used);
        }
      }
    }
    throw new SessionExpiredException(
        "the site kept answering " + uri + " without ranges after "
            + source.maxSessionRenewals() + " session renewals for " + vehicle.key()
            + "; the item is recorded as failed",
        uri, last == null ? -1 : last.status());
  }

  /** Replaces the session {@code seen} by a fresh one, unless another caller already did. */
  private void renew(Current seen) {
    synchronized (renewLock) {
      if (current.generation() != seen.generation()) {
        return; // someone renewed while we waited
      }
      LOG.debug("session for {} expired; opening a new one", vehicle.key());
      source.calls().metrics().count("site.session-renewals", 1);
      FetchSession fresh = source.setVehicle(vehicle);
      current = new Current(fresh, seen.generation() + 1);
      seen.session().close();
    }
  }

  @Override
  public void close() {
    closed = true;
    current.session().close();
  }

  @Override
  public String toString() {
    return "CwoFitmentSession[" + vehicle.key() + "]";
  }
}
