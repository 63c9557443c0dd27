package dev.krako.query;

import static dev.krako.query.QuerySamples.KEYS;

import dev.krako.avro.SessionState;
import dev.krako.avro.Wallet;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** One query instance over fake stores whose keys it owns, until a test says otherwise. */
final class FakeInstance {

  final FakeStore<SessionState> sessions;
  final FakeStore<Wallet> wallets;
  final FakeStore<Wallet> totals;
  final QueryApi api;

  /**
   * @param self the instance's application.server; null for an instance that runs alone
   */
  FakeInstance(HostInfo self, ApiKeys keys, Forwarder forwarder) {
    HostInfo owner = self == null ? HostInfo.unavailable() : self;
    sessions = new FakeStore<>(owner);
    wallets = new FakeStore<>(owner);
    totals = new FakeStore<>(owner);
    api =
        QueryApi.of(
            keys, new QueryStores(sessions, wallets, totals), Optional.ofNullable(self), forwarder);
  }

  FakeInstance(HostInfo self, Forwarder forwarder) {
    this(self, KEYS, forwarder);
  }

  Reply get(String path, String authorization) {
    return api.answer(QueryRequest.get(path, authorization));
  }
}
