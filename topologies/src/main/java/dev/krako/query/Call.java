package dev.krako.query;

import java.util.Map;

/**
 * A routed request: its path parameters and its caller (null on an open route).
 *
 * @param caller whose API key the request carries
 */
record Call(QueryRequest request, Map<String, String> params, Caller caller) {

  Call {
    params = Map.copyOf(params);
  }

  String param(String name) {
    return params.get(name);
  }

  /** A key reads its own tenant's data only. */
  boolean mayRead(String tenantId) {
    return caller instanceof Caller.Tenant tenant && tenant.id().equals(tenantId);
  }
}
