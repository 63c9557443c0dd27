package dev.krako.billing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a price book file (resources {@code billing/price-book-v<N>.json}, format in
 * docs/billing.md). Strict: prices are JSON strings (a JSON number would go through a binary
 * floating-point parse in many tools), a key given twice or a key it does not know is an error, and
 * so is a missing one. A price book is read at start-up; any error stops the application there.
 */
public final class PriceBookReader {

  static final String CPU_UNIT = "cpu_second";
  static final String TOKEN_UNIT = "1000_tokens";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private PriceBookReader() {}

  public static PriceBook read(byte[] document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      throw new IllegalArgumentException("A price book is one JSON object: " + e.getMessage(), e);
    }
    only(root, "$", "version", "effective_from", "currency", "workunit_cpu", "llm_tokens");
    JsonNode cpu = field(root, "$", "workunit_cpu");
    only(cpu, "$.workunit_cpu", "unit", "price");
    unit(cpu, "$.workunit_cpu", CPU_UNIT);
    JsonNode tokens = field(root, "$", "llm_tokens");
    only(tokens, "$.llm_tokens", "unit", "default_tier", "tiers");
    unit(tokens, "$.llm_tokens", TOKEN_UNIT);
    return new PriceBook(
        text(root, "$", "version"),
        instant(root, "$", "effective_from"),
        text(root, "$", "currency"),
        rate(cpu, "$.workunit_cpu", "price"),
        tiers(field(tokens, "$.llm_tokens", "tiers")),
        text(tokens, "$.llm_tokens", "default_tier"));
  }

  private static Map<String, TokenRates> tiers(JsonNode tiers) {
    if (!tiers.isObject() || tiers.isEmpty()) {
      throw new IllegalArgumentException("$.llm_tokens.tiers is a non-empty object.");
    }
    Map<String, TokenRates> rates = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> tier : tiers.properties()) {
      String path = "$.llm_tokens.tiers." + tier.getKey();
      only(tier.getValue(), path, "input", "output");
      rates.put(
          tier.getKey(),
          new TokenRates(
              rate(tier.getValue(), path, "input"), rate(tier.getValue(), path, "output")));
    }
    return rates;
  }

  private static Rate rate(JsonNode node, String path, String name) {
    try {
      return Rate.of(text(node, path, name), PriceBook.PER_UNITS);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + name + ": " + e.getMessage(), e);
    }
  }

  private static void unit(JsonNode node, String path, String expected) {
    String unit = text(node, path, "unit");
    if (!expected.equals(unit)) {
      throw new IllegalArgumentException(path + ".unit is " + expected + ", not " + unit + ".");
    }
  }

  private static Instant instant(JsonNode node, String path, String name) {
    try {
      return Instant.parse(text(node, path, name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(path + "." + name + " is an RFC 3339 UTC time.", e);
    }
  }

  private static String text(JsonNode node, String path, String name) {
    JsonNode value = field(node, path, name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(path + "." + name + " is a string.");
    }
    return value.textValue();
  }

  private static JsonNode field(JsonNode node, String path, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(path + "." + name + " is missing.");
    }
    return value;
  }

  private static void only(JsonNode node, String path, String... names) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(path + " is an object.");
    }
    Set<String> known = Set.of(names);
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      if (!known.contains(property.getKey())) {
        throw new IllegalArgumentException(
            path + "." + property.getKey() + " is not a known field.");
      }
    }
  }
}
