package dev.krako.query;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the query API's keys from a JSON file:
 *
 * <pre>{@code
 * {"keys": [
 *   {"tenant": "acme", "key": "<at least 32 characters>"},
 *   {"tenant": "beta", "sha256": "<64 hex digits: the SHA-256 of the key's UTF-8 bytes>"},
 *   {"operator": "ops-oncall", "key": "<at least 32 characters>"}
 * ]}
 * }</pre>
 *
 * Each entry has exactly one of {@code tenant} and {@code operator} (an operator key reads node
 * trust only) and exactly one of {@code key} and {@code sha256}; a tenant may have several keys (to
 * rotate them). The reader is strict: an unknown field, a missing tenant, a short or repeated key
 * stops the start-up. Its messages never quote a key.
 */
public final class ApiKeyFile {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private record Document(List<Entry> keys) {}

  private record Entry(String tenant, String operator, String key, String sha256) {}

  private ApiKeyFile() {}

  public static ApiKeys read(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The API key file " + file + ": " + e.getMessage(), e);
    }
  }

  static ApiKeys parse(String json) {
    Document document;
    try {
      document = JSON.readValue(json, Document.class);
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote the text around the error, which may be a key.
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          "not a JSON object of the form {\"keys\": [{\"tenant\" | \"operator\", \"key\" |"
              + " \"sha256\"}]}"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (document == null || document.keys() == null) {
      throw new IllegalArgumentException("no \"keys\" array.");
    }
    ApiKeys.Builder keys = ApiKeys.builder();
    for (Entry entry : document.keys()) {
      if (entry == null
          || (entry.key() == null) == (entry.sha256() == null)
          || (entry.tenant() != null && entry.operator() != null)) {
        throw new IllegalArgumentException(
            "every entry needs exactly one of \"tenant\" and \"operator\", and exactly one of"
                + " \"key\" and \"sha256\".");
      }
      if (entry.operator() != null) {
        if (entry.key() != null) {
          keys.operatorKey(entry.key(), entry.operator());
        } else {
          keys.operatorSha256(entry.sha256(), entry.operator());
        }
      } else if (entry.key() != null) {
        keys.key(entry.key(), entry.tenant());
      } else {
        keys.sha256(entry.sha256(), entry.tenant());
      }
    }
    return keys.build();
  }
}
