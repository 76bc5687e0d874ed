/**
 * The cwo test kit: {@link dev.cwo.testkit.SimulatedCwoSite}, a loopback simulation of the site
 * over a generated {@link dev.cwo.testkit.SimulatedCatalog}, with its {@link
 * dev.cwo.testkit.GroundTruth}, switchable {@link dev.cwo.testkit.SiteFaults} and live {@link
 * dev.cwo.testkit.SiteStats}; plus test helpers such as {@link dev.cwo.testkit.ManualClock}.
 * Contract test kits for adapter authors live in {@code dev.cwo.testkit.contract}.
 */
package dev.cwo.testkit;
