package dev.krako.query;

import static dev.krako.query.QuerySamples.KEYS;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.SessionState;
import dev.krako.avro.Wallet;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** One query instance over fake stores whose keys it owns, until a test says otherwise. */
final class FakeInstance {

  final FakeStore<SessionState> sessions;
  final FakeStore<Wallet> wallets;
  final FakeStore<Wallet> totals;
  final FakeStore<LedgerEntry> ledger;
  final FakeStore<NodeTrust> nodes;
  final QueryApi api;

  /**
   * @param self the instance's application.server; null for an instance that runs alone
   */
  FakeInstance(HostInfo self, ApiKeys keys, Forwarder forwarder) {
    HostInfo owner = self == null ? HostInfo.unavailable() : self;
    sessions = new FakeStore<>(owner);
    wallets = new FakeStore<>(owner);
    totals = new FakeStore<>(owner);
    ledger = new FakeStore<>(owner);
    nodes = new FakeStore<>(owner);
    api =
        QueryApi.of(
            keys,
            new QueryStores(sessions, wallets, totals, ledger, nodes),
            Optional.ofNullable(self),
            forwarder);
  }

  FakeInstance(HostInfo self, Forwarder forwarder) {
    this(self, KEYS, forwarder);
  }

  int reads() {
    return sessions.reads() + wallets.reads() + totals.reads() + ledger.reads() + nodes.reads();
  }

  /** A GET of a path with an optional raw query ({@code /v1/x?limit=2}). */
  Reply get(String pathAndQuery, String authorization) {
    int q = pathAndQuery.indexOf('?');
    return api.answer(
        new QueryRequest(
            "GET",
            q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
            q < 0 ? null : pathAndQuery.substring(q + 1),
            authorization == null ? List.of() : List.of(authorization),
            false));
  }
}
