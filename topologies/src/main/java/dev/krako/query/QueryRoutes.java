package dev.krako.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.topology.billing.WalletFold;
import java.util.List;

/**
 * The route table of the query API, one method per route (docs/query-api.yaml). Every route but the
 * health check needs a key, and reads only the key's tenant: another tenant's session reads as a
 * missing one (404, ids are not disclosed), another tenant's path is refused (403).
 */
final class QueryRoutes {

  private final QueryStores stores;
  private final KeyRouter router;
  private final GraphFanOut graphs;

  QueryRoutes(QueryStores stores, KeyRouter router, GraphFanOut graphs) {
    this.stores = stores;
    this.router = router;
    this.graphs = graphs;
  }

  List<Route> table() {
    return List.of(
        new Route("/v1/health", true, this::health),
        new Route("/v1/sessions/{session}", false, this::session),
        new Route("/v1/graphs/{graph}", false, graphs::answer),
        new Route("/v1/tenants/{tenant}/wallet", false, this::wallet),
        new Route("/v1/tenants/{tenant}/sessions/{session}/total", false, this::sessionTotal));
  }

  private Reply health(Call call) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("status", stores.sessions().applicationState());
    ObjectNode applications = body.putObject("applications");
    applications.put("orchestration", stores.sessions().applicationState());
    applications.put("billing", stores.wallets().applicationState());
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
    return router.read(
        stores.sessionTotals(),
        WalletFold.sessionKey(tenantId, sessionId),
        call,
        total ->
            total == null
                ? Reply.notFound("no ledger entry for session " + sessionId + " yet")
                : Reply.ok(WalletView.of(total)));
  }

  /** Checked before any read, so it tells nothing about the other tenant's data. */
  private static Reply otherTenant() {
    return Reply.forbidden("an API key reads its own tenant's data only");
  }
}
