package dev.krako.query;

import java.util.Map;

/**
 * A routed request: its path parameters and the caller's tenant (null on an open route).
 *
 * @param tenant the tenant of the caller's API key
 */
record Call(QueryRequest request, Map<String, String> params, String tenant) {

  Call {
    params = Map.copyOf(params);
  }

  String param(String name) {
    return params.get(name);
  }

  /** A key reads its own tenant's data only. */
  boolean mayRead(String tenantId) {
    return tenant != null && tenant.equals(tenantId);
  }
}
