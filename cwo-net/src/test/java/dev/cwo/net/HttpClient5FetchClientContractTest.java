package dev.cwo.net;

import dev.cwo.spi.FetchClient;
import dev.cwo.testkit.contract.FetchClientContract;

/** {@link HttpClient5FetchClient} held to the {@link FetchClientContract}. */
class HttpClient5FetchClientContractTest extends FetchClientContract {

  @Override
  protected FetchClient createClient(ClientSettings s) {
    return HttpClient5FetchClient.builder()
        .maxBodyBytes(s.maxBodyBytes())
        .cookie(s.cookieHost(), s.cookieName(), s.cookieValue())
        .build();
  }
}
