package dev.cwo;

import java.net.URI;

/**
 * The site answered, but the body was not what was expected (truncated JSON, HTML where JSON was
 * due, a page without the expected parts). The message names the URL, what was expected, and a
 * short excerpt of what came. Retryable: bodies do arrive truncated.
 */
public class MalformedResponseException extends FetchException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message, URI uri, int status, Throwable cause) {
    super(message, uri, status, cause);
  }

  /** Builds the standard message: {@code <expected> from <uri>: <reason>; body starts "<excerpt>"}. */
  public static MalformedResponseException of(
      URI uri, int status, String expected, String reason, String body, Throwable cause) {
    return new MalformedResponseException(
        "expected " + expected + " from " + uri + " (HTTP " + status + "): " + reason
            + "; body starts \"" + excerpt(body) + "\"",
        uri, status, cause);
  }

  /** The first 120 characters of a body, on one line. */
  public static String excerpt(String body) {
    if (body == null) return "";
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
