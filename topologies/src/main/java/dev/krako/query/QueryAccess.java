package dev.krako.query;

import java.util.List;
import java.util.Optional;

/**
 * Who calls: the tenant or operator of the bearer key in the {@code Authorization} header. A
 * request without exactly one {@code Authorization: Bearer <key>} header, or with an unknown key,
 * has no caller and is refused (401). A tenant reads its own data only, an operator node trust
 * only.
 */
final class QueryAccess {

  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;

  QueryAccess(ApiKeys keys) {
    this.keys = keys;
  }

  /** The caller, from the values of the request's {@code Authorization} headers. */
  Optional<Caller> callerOf(List<String> authorization) {
    if (authorization == null || authorization.size() != 1) {
      return Optional.empty();
    }
    String value = authorization.get(0);
    // The scheme is case-insensitive (RFC 9110); the key is taken as sent.
    if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String key = value.substring(BEARER.length()).strip();
    return key.isEmpty() ? Optional.empty() : keys.callerOf(key);
  }
}
