package dev.cwo;

import java.util.Objects;

/**
 * One vehicle record as the site sent it: its key, typed well-known fields, and every raw field.
 *
 * <p>Typed fields are {@code null} when the site sent {@code ""} or nothing. {@code rawJson} holds
 * the record exactly as received (a JSON object), so fields the site adds later are never lost.
 * Immutable and thread-safe.
 *
 * @param key the vehicle's identity
 * @param status {@link VehicleStatus#NO_DATA} for the site's "no data" answer
 * @param chassisId the site's {@code drchassisid}
 * @param vehicleType the site's {@code vehicleType} (first value when it sent a list)
 * @param bodyType the site's {@code bodyType}
 * @param boltPatternInch bolt pattern in inches, e.g. {@code 5x4.5}
 * @param boltPatternMm bolt pattern in millimetres, e.g. {@code 5x114.3}
 * @param hubBoreMm centre bore in millimetres, as the site's text, e.g. {@code 64.10}
 * @param lugType e.g. {@code nut}
 * @param lugSize e.g. {@code 12x1.5}
 * @param stockTireSize e.g. {@code 225/55R18}
 * @param staggered whether the site marks the vehicle as staggered ({@code null} if not said)
 * @param rawJson the whole record as received, a JSON object
 */
public record Vehicle(
    VehicleKey key,
    VehicleStatus status,
    String chassisId,
    String vehicleType,
    String bodyType,
    String boltPatternInch,
    String boltPatternMm,
    String hubBoreMm,
    String lugType,
    String lugSize,
    String stockTireSize,
    Boolean staggered,
    String rawJson) {

  public Vehicle {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rawJson, "rawJson");
    if (status == VehicleStatus.OK) {
      Objects.requireNonNull(chassisId, "chassisId (required for a vehicle with data)");
      Objects.requireNonNull(vehicleType, "vehicleType (required for a vehicle with data)");
    }
  }

  /** A "no data" vehicle: only the key and the raw answer are known. */
  public static Vehicle noData(VehicleKey key, String rawJson) {
    return new Vehicle(
        key, VehicleStatus.NO_DATA, null, null, null, null, null, null, null, null, null, null,
        rawJson);
  }

  public boolean hasData() {
    return status == VehicleStatus.OK;
  }
}
