package dev.cwo.testkit;

import dev.cwo.FitmentOption;
import dev.cwo.VehicleKey;
import java.util.Map;
import java.util.Optional;

/**
 * The store host's endpoints: set-vehicle (opens a PHP session), option lists and fitment pages,
 * exactly as {@code docs/site-protocol.md} pins them.
 *
 * <p>Thread-safe (sessions live in a thread-safe registry).
 */
final class StoreEndpoints {
  static final String GENERIC_PAGE =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<title>Wheels | Custom Wheel Offset</title></head>\n<body>\n"
          + "<div class=\"store-ymm\"><div class=\"store-ymm-select\">Select your vehicle</div></div>\n"
          + "<div class=\"store-products\"><div class=\"product\">Sample Wheel 18x8 +40</div>"
          + "<div class=\"product\">Sample Wheel 20x9 +35</div></div>\n</body></html>\n";

  private final GroundTruth truth;
  private final SessionRegistry sessions;

  StoreEndpoints(GroundTruth truth, SessionRegistry sessions) {
    this.truth = truth;
    this.sessions = sessions;
  }

  Answer answer(SiteRequest req) {
    Map<String, String> q = req.query;
    switch (req.kind) {
      case SET_VEHICLE: {
        Optional<VehicleKey> key = key(q);
        String chassis = q.getOrDefault("chassis", "");
        boolean bind =
            key.flatMap(truth::simulated)
                .filter(v -> v.hasData() && v.chassis.equals(chassis))
                .isPresent();
        String id = sessions.open(bind ? key.get() : null, bind ? chassis : null);
        return new Answer(200, Answer.JSON, "{\"status\":\"ok\"}".getBytes(
            java.nio.charset.StandardCharsets.UTF_8),
            Map.of("Set-Cookie", "PHPSESSID=" + id + "; Path=/; HttpOnly"), null, true);
      }
      case OPTIONS: {
        String vt = q.getOrDefault("vehicle_type", "");
        Optional<SimulatedVehicleType> type = SimulatedVehicleType.standard(vt);
        String list = "true".equals(q.get("getSuspension")) ? "suspension"
            : "true".equals(q.get("getTrimming")) ? "trimming" : "rubbing";
        if (type.isEmpty()) {
          return Answer.json(200, "[]");
        }
        SimulatedVehicleType t = type.get();
        return Answer.json(
            SimulatedVehicle.jsonList(
                switch (list) {
                  case "suspension" -> t.suspensions();
                  case "trimming" -> t.trimmings();
                  default -> t.rubbings();
                }),
            vt + "\u0000" + list);
      }
      case FITMENT_PAGE: {
        Optional<VehicleKey> key = key(q);
        String s = q.get("suspension");
        String m = q.get("modification");
        String r = q.get("rubbing");
        String chassis = q.getOrDefault("DRChassisID", "");
        if (key.isEmpty() || s == null || m == null || r == null
            || !sessions.use(req.sessionId, key.get(), chassis)) {
          return Answer.html(200, GENERIC_PAGE);
        }
        FitmentOption option = new FitmentOption(s, m, r);
        return truth.page(key.get(), option)
            .map(p -> new Answer(200, Answer.HTML, p.html().getBytes(
                java.nio.charset.StandardCharsets.UTF_8), Map.of(),
                key.get().legacyId() + "\u0000" + s + "\u0000" + m + "\u0000" + r, true))
            .orElseGet(() -> Answer.html(200, GENERIC_PAGE));
      }
      default:
        return Answer.html(404, "<!DOCTYPE html><html><head><title>Page Not Found</title></head>"
            + "<body><h1>404</h1></body></html>");
    }
  }

  private static Optional<VehicleKey> key(Map<String, String> q) {
    String year = q.get("year");
    String make = q.get("make");
    String model = q.get("model");
    String trim = q.get("trim");
    String drive = q.get("drive");
    if (year == null || make == null || model == null || trim == null || drive == null
        || year.isEmpty() || year.length() > 4 || !year.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(new VehicleKey(Integer.parseInt(year), make, model, trim, drive));
  }
}
