/**
 * Contract test kits: abstract JUnit 5 classes that every implementation of a cwo SPI extends, so
 * each one is held to the same written rules (start with {@link
 * dev.cwo.testkit.contract.CombinationStoreContract}).
 */
package dev.cwo.testkit.contract;
