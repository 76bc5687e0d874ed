/**
 * The {@code cwo} command line, built with picocli: {@code cwo demo} scrapes the simulated site,
 * {@code cwo scrape} the real one. Run {@code java -jar cwo.jar --help}.
 */
package dev.cwo.examples.cli;
