package dev.cwo.examples;

import dev.cwo.spi.FetchClient;
import dev.cwo.testkit.contract.FetchClientContract;

/** The swapped-in JDK client honours the same rules as the default one. */
class JdkHttpFetchClientContractTest extends FetchClientContract {
  @Override
  protected FetchClient createClient(ClientSettings s) {
    return new JdkHttpFetchClient(null, s.maxBodyBytes(),
        new JdkHttpFetchClient.CallerCookie(s.cookieHost(), s.cookieName(), s.cookieValue()));
  }
}
