package dev.cwo.net.internal;

/** Loads the canned HTML pages under {@code src/test/resources/pages}. */
public final class FitmentPageParserTestFixtures {
  private FitmentPageParserTestFixtures() {}

  public static String page(String name) {
    return FitmentPageParserTest.fixture(name);
  }
}
