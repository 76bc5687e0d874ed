package dev.cwo;

import java.net.URI;

/**
 * The site's bot wall ("Human Verification", AWS WAF) answers for a host and kept answering past a
 * few probes. cwo never tries to solve it: stop sending to that host, keep every result, and tell
 * the user. A browser's {@code aws-waf-token} cookie handed to cwo may clear it; a later run
 * resumes.
 */
public class BlockedException extends FetchException {
  private static final long serialVersionUID = 1L;
  private final String host;

  public BlockedException(String host, URI uri, int status) {
    super(
        "blocked by the bot wall (\"Human Verification\") of " + host + " at " + uri
            + ": stopped sending to that host; all finished work is kept. Wait, or supply the"
            + " aws-waf-token cookie from a browser session, then run again to resume",
        uri, status, null);
    this.host = host;
  }

  /** The host whose wall answered. */
  public String host() {
    return host;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
