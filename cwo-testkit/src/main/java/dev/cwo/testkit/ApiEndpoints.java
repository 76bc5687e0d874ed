package dev.cwo.testkit;

import java.util.List;

/**
 * The API host's JSON endpoints over a {@link SimulatedCatalog}: years, makes, models, model
 * info, drives of a trim and vehicle records, exactly as {@code docs/site-protocol.md} pins them.
 *
 * <p>Stateless apart from the immutable catalog; thread-safe.
 */
final class ApiEndpoints {
  private final SimulatedCatalog catalog;

  ApiEndpoints(SimulatedCatalog catalog) {
    this.catalog = catalog;
  }

  Answer answer(SiteRequest req) {
    List<String> s = req.segments;
    switch (req.kind) {
      case YEARS:
        return Answer.json(catalog.yearsJson(), "years");
      case MAKES: {
        SimulatedCatalog.YearNode y = year(s.get(0));
        return y == null ? Answer.notFound() : Answer.json(y.makesJson(), resource(s));
      }
      case MODELS: {
        SimulatedCatalog.MakeNode m = make(s.get(0), s.get(1));
        return m == null ? Answer.notFound() : Answer.json(m.modelsJson(), resource(s));
      }
      case MODEL_INFO: {
        SimulatedCatalog.ModelNode m = model(s.get(0), s.get(1), s.get(2));
        return m == null ? Answer.notFound() : Answer.json(m.infoJson(), resource(s));
      }
      case DRIVES: {
        SimulatedCatalog.ModelNode m = model(s.get(1), s.get(2), s.get(3));
        SimulatedCatalog.TrimNode t = m == null ? null : m.trims().get(s.get(5));
        return t == null ? Answer.notFound() : Answer.json(t.drivesJson(), resource(s));
      }
      case VEHICLE: {
        SimulatedCatalog.ModelNode m = model(s.get(0), s.get(1), s.get(2));
        SimulatedCatalog.TrimNode t = m == null ? null : m.trims().get(s.get(3));
        SimulatedVehicle v = t == null ? null : t.vehicles().get(s.get(4));
        return v == null ? Answer.notFound() : Answer.json(v.json, resource(s));
      }
      default:
        return Answer.notFound();
    }
  }

  private static String resource(List<String> segments) {
    return String.join("\u0000", segments);
  }

  private SimulatedCatalog.YearNode year(String year) {
    if (year.isEmpty() || year.length() > 4 || !year.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return catalog.years().get(Integer.parseInt(year));
  }

  private SimulatedCatalog.MakeNode make(String year, String make) {
    SimulatedCatalog.YearNode y = year(year);
    return y == null ? null : y.makes().get(make);
  }

  private SimulatedCatalog.ModelNode model(String year, String make, String model) {
    SimulatedCatalog.MakeNode m = make(year, make);
    return m == null ? null : m.models().get(model);
  }
}
