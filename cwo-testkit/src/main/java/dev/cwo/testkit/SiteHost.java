package dev.cwo.testkit;

/**
 * One of the two hosts the simulated site runs, each on its own loopback port.
 *
 * <p>Immutable and thread-safe.
 */
public enum SiteHost {
  /** The JSON vehicle tree ("enthusiastenterprises.us" on the real site). */
  API,
  /** Session, option lists and fitment pages ("customwheeloffset.com" on the real site). */
  STORE
}
