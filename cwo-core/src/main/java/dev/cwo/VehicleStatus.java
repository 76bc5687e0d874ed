package dev.cwo;

/** Whether the site had fitment data for a vehicle. */
public enum VehicleStatus {
  /** The site sent a full record; the vehicle has fitment combinations. */
  OK,
  /**
   * The site answered with a record lacking chassis id, vehicle type and bolt pattern: a valid "no
   * data for this vehicle" answer, not an error. Such a vehicle has no combinations.
   */
  NO_DATA
}
