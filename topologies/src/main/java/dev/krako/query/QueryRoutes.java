package dev.krako.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.Wallet;
import dev.krako.topology.billing.WalletFold;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The route table of the query API, one method per route (docs/query-api.yaml). Every route but the
 * health check needs a key. A tenant key reads only its tenant: another tenant's session reads as a
 * missing one (404, ids are not disclosed), another tenant's path is refused (403). Node trust
 * needs an operator key.
 */
final class QueryRoutes {

  private final QueryStores stores;
  private final KeyRouter router;
  private final GraphFanOut graphs;
  private final LedgerListing ledger;
  private final NodeTrustRoutes nodes;

  /**
   * @param self this instance's {@code application.server}; empty when it runs alone
   */
  QueryRoutes(QueryStores stores, Optional<HostInfo> self, Forwarder forwarder) {
    this.stores = stores;
    this.router = new KeyRouter(self, forwarder);
    this.graphs = new GraphFanOut(stores.sessions(), self, forwarder);
    this.ledger = new LedgerListing(stores.ledger());
    this.nodes = new NodeTrustRoutes(stores.nodes(), router, self, forwarder);
  }

  List<Route> table() {
    return List.of(
        new Route("/v1/health", Route.Audience.OPEN, this::health),
        new Route("/v1/sessions/{session}", Route.Audience.TENANT, this::session),
        new Route("/v1/graphs/{graph}", Route.Audience.TENANT, graphs::answer),
        new Route("/v1/tenants/{tenant}/wallet", Route.Audience.TENANT, this::wallet),
        new Route(
            "/v1/tenants/{tenant}/sessions/{session}/total",
            Route.Audience.TENANT,
            this::sessionTotal),
        new Route("/v1/tenants/{tenant}/ledger", Route.Audience.TENANT, this::ledger),
        new Route("/v1/nodes", Route.Audience.OPERATOR, nodes::all),
        new Route("/v1/nodes/{node}/trust", Route.Audience.OPERATOR, nodes::node));
  }

  private Reply health(Call call) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("status", stores.sessions().applicationState());
    ObjectNode applications = body.putObject("applications");
    applications.put("orchestration", stores.sessions().applicationState());
    applications.put("billing", stores.wallets().applicationState());
    applications.put("trust", stores.nodes().applicationState());
    return Reply.ok(body);
  }

  private Reply session(Call call) {
    String sessionId = call.param("session");
    return router.read(
        stores.sessions(),
        sessionId,
        call,
        state ->
            state != null && call.mayRead(state.getGraph().getTenantId())
                ? Reply.ok(SessionView.of(state))
                : Reply.notFound("no session " + sessionId));
  }

  private Reply wallet(Call call) {
    String tenantId = call.param("tenant");
    if (!call.mayRead(tenantId)) {
      return otherTenant();
    }
    return router.read(
        stores.wallets(),
        tenantId,
        call,
        wallet ->
            wallet == null
                ? Reply.notFound("no ledger entry for tenant " + tenantId + " yet")
                : Reply.ok(WalletView.of(wallet)));
  }

  private Reply sessionTotal(Call call) {
    String tenantId = call.param("tenant");
    String sessionId = call.param("session");
    if (!call.mayRead(tenantId)) {
      return otherTenant();
    }
    // The session balances are partitioned by tenant id (ADR 030): the tenant id finds the owner.
    QueryableStore<Wallet> totals = stores.sessionTotals();
    return router.route(
        totals,
        tenantId,
        call,
        partition -> {
          Wallet total = totals.get(WalletFold.sessionKey(tenantId, sessionId), partition);
          return total == null
              ? Reply.notFound("no ledger entry for session " + sessionId + " yet")
              : Reply.ok(WalletView.of(total));
        });
  }

  /**
   * A page of the tenant's ledger entries. The parameters are checked before any read or forward;
   * the store is partitioned by tenant id, so the tenant id finds the owner.
   */
  private Reply ledger(Call call) {
    String tenantId = call.param("tenant");
    if (!call.mayRead(tenantId)) {
      return otherTenant();
    }
    LedgerQuery query;
    try {
      query = LedgerQuery.parse(call.request().rawQuery(), tenantId);
    } catch (IllegalArgumentException e) {
      return Reply.badRequest(e.getMessage());
    }
    return router.route(
        stores.ledger(), tenantId, call, partition -> ledger.page(tenantId, query, partition));
  }

  /** Checked before any read, so it tells nothing about the other tenant's data. */
  private static Reply otherTenant() {
    return Reply.forbidden("an API key reads its own tenant's data only");
  }
}
