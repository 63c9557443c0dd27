package dev.krako.query;

import java.util.List;

/**
 * One request as the query API sees it. The raw (still percent-encoded) path and query are what a
 * forward sends on unchanged.
 *
 * @param authorization the values of the {@code Authorization} headers (normally one)
 * @param forwarded whether another instance forwarded it ({@value #FORWARDED_HEADER}): such a
 *     request is answered from this instance's partitions only, and never forwarded again
 */
record QueryRequest(
    String method, String rawPath, String rawQuery, List<String> authorization, boolean forwarded) {

  static final String FORWARDED_HEADER = "X-Krako-Forwarded";

  QueryRequest {
    authorization = authorization == null ? List.of() : List.copyOf(authorization);
  }

  /** A plain GET, as a client sends it. */
  static QueryRequest get(String rawPath, String authorization) {
    return new QueryRequest(
        "GET", rawPath, null, authorization == null ? List.of() : List.of(authorization), false);
  }

  String pathAndQuery() {
    return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
  }
}
