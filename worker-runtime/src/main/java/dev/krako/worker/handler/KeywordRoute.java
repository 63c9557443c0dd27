package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One route of {@code classify_by_rules}, as given in {@code args.routes}: an object with {@code
 * route_id}, {@code keywords} and {@code output}.
 */
final class KeywordRoute {

  private KeywordRoute() {}

  /**
   * The routes of {@code routes} that match {@code loweredText}, in their given order. A route
   * matches when any keyword, lower-cased, is a substring of the text: no tokenising, no scoring.
   * Elements that are not objects, routes whose {@code keywords} is not an array and null keywords
   * are skipped, as KORA skips them.
   */
  static List<JsonNode> matching(JsonNode routes, String loweredText) {
    return elements(routes)
        .filter(JsonNode::isObject)
        .filter(route -> matches(route, loweredText))
        .toList();
  }

  private static boolean matches(JsonNode route, String loweredText) {
    return elements(route.path("keywords"))
        .filter(keyword -> !keyword.isNull())
        .map(keyword -> KoraText.lower(KoraText.of(keyword)))
        .anyMatch(loweredText::contains);
  }

  private static Stream<JsonNode> elements(JsonNode array) {
    // Only arrays count: the elements of an object would be its values.
    return array.isArray() ? StreamSupport.stream(array.spliterator(), false) : Stream.empty();
  }
}
