package dev.cwo;

import dev.cwo.spi.FitmentSession;
import dev.cwo.spi.FitmentSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A small in-process site for processor tests: {@code years × makes × models × trims × drives}
 * vehicles, every fourth without data, each with {@code options} fitment options. Items can be made
 * to fail or to hit the bot wall; every call is counted.
 */
final class FakeFitmentSource implements FitmentSource {
  final int years;
  final int makes;
  final int models;
  final int trims;
  final int drives;
  final List<FitmentOption> options =
      List.of(
          new FitmentOption("Stock", "None", "No rubbing"),
          new FitmentOption("Stock", "Minor Plastic Trimming", "No rubbing"),
          new FitmentOption("Leveling Kit", "None", "Slight rub at full turn"));
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final Map<CombinationKey, AtomicInteger> pageCalls = new ConcurrentHashMap<>();
  final AtomicLong sessionsOpen = new AtomicLong();
  volatile Predicate<CombinationKey> pageFails = k -> false;
  volatile Predicate<CombinationKey> pageBlocked = k -> false;
  volatile Predicate<VehicleKey> vehicleFails = k -> false;
  /** Called before each page is served; tests use it to hold pages back. */
  volatile Runnable beforePage = () -> {};

  FakeFitmentSource(int years, int makes, int models, int trims, int drives) {
    this.years = years;
    this.makes = makes;
    this.models = models;
    this.trims = trims;
    this.drives = drives;
  }

  private void count(String what) {
    calls.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  int calls(String what) {
    AtomicInteger n = calls.get(what);
    return n == null ? 0 : n.get();
  }

  @Override
  public List<Integer> years() {
    count("years");
    List<Integer> out = new ArrayList<>();
    for (int y = 0; y < years; y++) out.add(2020 + y);
    return out;
  }

  @Override
  public List<String> makes(int year) {
    count("makes");
    List<String> out = new ArrayList<>();
    for (int m = 0; m < makes; m++) out.add("Make & " + m);
    out.add("Make & 0"); // sites repeat names
    return out;
  }

  @Override
  public List<String> models(int year, String make) {
    count("models");
    List<String> out = new ArrayList<>();
    for (int m = 0; m < models; m++) out.add("Model/" + m);
    return out;
  }

  @Override
  public List<String> trims(int year, String make, String model) {
    count("trims");
    List<String> out = new ArrayList<>();
    for (int t = 0; t < trims; t++) out.add("Trim +" + t);
    return out;
  }

  @Override
  public List<String> drives(int year, String make, String model, String trim) {
    count("drives");
    List<String> out = new ArrayList<>();
    for (int d = 0; d < drives; d++) out.add(d == 0 ? "AWD" : "FWD" + d);
    return out;
  }

  static boolean hasData(VehicleKey key) {
    return Math.floorMod(key.hashCode(), 4) != 0;
  }

  @Override
  public Vehicle vehicle(VehicleKey key) {
    count("vehicle");
    if (vehicleFails.test(key)) {
      throw new PermanentFetchException("no such vehicle: " + key, null, 404);
    }
    return vehicleOf(key);
  }

  /** The record the site holds for a key, without counting a call. */
  static Vehicle vehicleOf(VehicleKey key) {
    if (!hasData(key)) return Vehicle.noData(key, "{}");
    return new Vehicle(key, VehicleStatus.OK, "c" + Math.abs(key.hashCode()), "Truck", null,
        "5x4.5", "5x114.3", "64.1", "nut", "12x1.5", null, false, "{\"k\":\"" + key.drive() + "\"}");
  }

  static Fitment fitmentOf(CombinationKey key) {
    SizeRange d = new SizeRange("17\" to 20\"", new BigDecimal("17"), new BigDecimal("20"));
    SizeRange o = new SizeRange("-5mm to 40mm", new BigDecimal("-5"), new BigDecimal("40"));
    AxleFit axle = new AxleFit(d, null, o);
    return new Fitment(key, axle, axle, false, "5x4.5", "5x114.3");
  }

  @Override
  public FitmentSession openSession(Vehicle vehicle) {
    count("session");
    if (!vehicle.hasData()) throw new IllegalArgumentException("no data: " + vehicle.key());
    sessionsOpen.incrementAndGet();
    return new FitmentSession() {
      private final AtomicInteger closed = new AtomicInteger();

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
        CombinationKey key = new CombinationKey(vehicle.key(), option);
        beforePage.run();
        count("page");
        pageCalls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (pageBlocked.test(key)) throw new BlockedException("store.test", null, 405);
        if (pageFails.test(key)) throw new TransientFetchException("HTTP 503 for " + key, null, 503);
        return fitmentOf(key);
      }

      @Override
      public void close() {
        if (closed.getAndIncrement() == 0) sessionsOpen.decrementAndGet();
      }
    };
  }

  /** Every vehicle key of the given units, in order. */
  List<VehicleKey> vehicleKeys(List<YearMake> units) {
    List<VehicleKey> out = new ArrayList<>();
    for (YearMake u : units) {
      for (int m = 0; m < models; m++) {
        for (int t = 0; t < trims; t++) {
          for (int d = 0; d < drives; d++) {
            out.add(new VehicleKey(u.year(), u.make(), "Model/" + m, "Trim +" + t, d == 0 ? "AWD" : "FWD" + d));
          }
        }
      }
    }
    return out;
  }
}
