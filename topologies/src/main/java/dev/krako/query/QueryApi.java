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
    return new QueryApi(new QueryRoutes(stores, self, forwarder).table(), new QueryAccess(keys));
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
    Caller caller = null;
    if (route.audience() != Route.Audience.OPEN) {
      Optional<Caller> known = access.callerOf(request.authorization());
      if (known.isEmpty()) {
        return Reply.unauthorized();
      }
      caller = known.get();
      Optional<Reply> refused = refusal(route.audience(), caller);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    try {
      return route.handler().answer(new Call(request, params, caller));
    } catch (UnknownStateStoreException e) {
      throw e; // a wiring bug, not a rebalance: waiting would not help
    } catch (InvalidStateStoreException e) {
      LOG.debug("A store is not queryable for {}: {}", request.rawPath(), e.getMessage());
      return Reply.unavailable("the store is not queryable here right now (rebalancing)");
    }
  }

  /** A key of the wrong kind for the route: 403, before any read. */
  private static Optional<Reply> refusal(Route.Audience audience, Caller caller) {
    if (audience == Route.Audience.OPERATOR && !(caller instanceof Caller.Operator)) {
      return Optional.of(
          Reply.forbidden(
              "node trust is read with an operator key; a tenant key reads its tenant"));
    }
    if (audience == Route.Audience.TENANT && !(caller instanceof Caller.Tenant)) {
      return Optional.of(
          Reply.forbidden("an operator key reads node trust only, no tenant's data"));
    }
    return Optional.empty();
  }
}
