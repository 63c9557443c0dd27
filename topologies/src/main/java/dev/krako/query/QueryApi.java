package dev.krako.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API without the HTTP plumbing: find the route, check the method and the key, answer. A
 * store that is not queryable right now gives 503 with {@code Retry-After}, never a guess.
 */
final class QueryApi {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);

  private final List<Route> routes;
  private final QueryAccess access;

  QueryApi(List<Route> routes, QueryAccess access) {
    this.routes = List.copyOf(routes);
    this.access = access;
  }

  /**
   * @param self this instance's {@code application.server}; empty when it runs alone
   */
  static QueryApi of(
      ApiKeys keys, QueryStores stores, Optional<HostInfo> self, Forwarder forwarder) {
    KeyRouter router = new KeyRouter(self, forwarder);
    GraphFanOut graphs = new GraphFanOut(stores.sessions(), self, forwarder);
    return new QueryApi(new QueryRoutes(stores, router, graphs).table(), new QueryAccess(keys));
  }

  Reply answer(QueryRequest request) {
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(request.rawPath());
      if (params.isPresent()) {
        return answer(route, params.get(), request);
      }
    }
    return Reply.notFound("no such resource; the routes are in docs/query-api.yaml");
  }

  private Reply answer(Route route, Map<String, String> params, QueryRequest request) {
    if (!"GET".equals(request.method())) {
      return Reply.methodNotAllowed();
    }
    String tenant = null;
    if (!route.open()) {
      Optional<String> caller = access.tenantOf(request.authorization());
      if (caller.isEmpty()) {
        return Reply.unauthorized();
      }
      tenant = caller.get();
    }
    try {
      return route.handler().answer(new Call(request, params, tenant));
    } catch (UnknownStateStoreException e) {
      throw e; // a wiring bug, not a rebalance: waiting would not help
    } catch (InvalidStateStoreException e) {
      LOG.debug("A store is not queryable for {}: {}", request.rawPath(), e.getMessage());
      return Reply.unavailable("the store is not queryable here right now (rebalancing)");
    }
  }
}
