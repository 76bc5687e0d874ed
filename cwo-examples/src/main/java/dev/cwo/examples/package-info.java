/**
 * Embedding examples: small, complete programs that use cwo as a library. They are compiled and
 * tested with the rest of the build, so they stay true to the API.
 */
package dev.cwo.examples;
