package dev.cwo.testkit;

/**
 * Bodies of the failure answers: the AWS WAF "Human Verification" wall and 5xx pages.
 *
 * <p>Stateless and thread-safe.
 */
final class FailurePages {
  private FailurePages() {}

  static final String WALL =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          + "<title>Human Verification</title>\n"
          + "<script type=\"text/javascript\">\nwindow.awsWafCookieDomainList = [];\n"
          + "window.gokuProps = {\"key\":\"AQIDAHjcYu/GjX+QlghicBgQ/7bFaQZ+m5FKCMDnO+vTbNg96AE\","
          + "\"iv\":\"CgAHcDNTsgAAAW8Z\",\"context\":\"simulated\"};\n</script>\n"
          + "<script src=\"https://3b8f2a1c9d4e.edge.sdk.awswaf.com/3b8f2a1c9d4e/challenge.js\">"
          + "</script>\n</head><body><div id=\"captcha-container\"></div>"
          + "<noscript>JavaScript is disabled</noscript></body></html>\n";

  static final String BAD_GATEWAY_HTML =
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
          + "</center><hr><center>nginx</center></body></html>\n";

  static final String INTERNAL_HTML =
      "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>"
          + "<h1>Internal Server Error</h1></body></html>\n";
}
