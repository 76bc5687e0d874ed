/**
 * The cwo API: the model records ({@link dev.cwo.VehicleKey}, {@link dev.cwo.Vehicle},
 * {@link dev.cwo.Fitment}, ...), the exception hierarchy rooted at {@link dev.cwo.CwoException}, and
 * {@link dev.cwo.MultithreadedProcessor}, which composes the parts from {@link dev.cwo.spi} into a
 * scrape.
 */
package dev.cwo;
