package dev.krako.graph;

/**
 * What the transport says about a submitted document, beside the document itself: KORA Task IR 0.1
 * graphs carry no tenant or request id, so KORA sends them as record headers ({@code
 * krako-tenant-id}, {@code krako-request-id}). TaskGraph 1.x documents carry their own and the
 * headers are not used.
 *
 * @param tenantId the tenant header, or null when absent
 * @param requestId the request header, or null when absent
 * @param receivedAt when the record reached Krako (its timestamp): the {@code created_at} of a 0.1
 *     graph, which has none of its own
 */
public record Submission(String tenantId, String requestId, java.time.Instant receivedAt) {

  public static final String TENANT_HEADER = "krako-tenant-id";
  public static final String REQUEST_HEADER = "krako-request-id";

  /** A submission with no headers. */
  public static Submission none() {
    return new Submission(null, null, java.time.Instant.EPOCH);
  }
}
