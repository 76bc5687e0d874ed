package dev.cwo.net;

import dev.cwo.spi.FetchClient;
import dev.cwo.testkit.contract.FetchClientContract;

/** {@link PoliteFetchClient} over {@link HttpClient5FetchClient} is still a proper client. */
class PoliteFetchClientContractTest extends FetchClientContract {

  @Override
  protected FetchClient createClient(ClientSettings s) {
    return PoliteFetchClient.builder()
        .delegate(HttpClient5FetchClient.builder()
            .maxBodyBytes(s.maxBodyBytes())
            .cookie(s.cookieHost(), s.cookieName(), s.cookieValue())
            .build())
        .requestsPerSecondPerHost(10_000)
        .maxConcurrentPerHost(16)
        .build();
  }
}
