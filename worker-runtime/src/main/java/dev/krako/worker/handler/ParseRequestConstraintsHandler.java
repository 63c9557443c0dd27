package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * KORA's {@code parse_request_constraints}: {@code {status, task_id, intent, deliverable_type,
 * slide_count, required_components, topic_domains}} for a presentation-outline request.
 *
 * <p>{@code slide_count} comes from {@link SlideCountPhrase}. {@code topic_domains} lists, in
 * {@link #TOPICS} order, the label of each topic whose phrase is a substring of the lower-cased
 * text, at most {@value #MAX_TOPIC_DOMAINS} of them; {@code ["strategy", "execution"]} if none.
 */
public final class ParseRequestConstraintsHandler implements DeterministicHandler {

  /** The handler's name in {@code run.spec.handler}. */
  public static final String NAME = "parse_request_constraints";

  /** The most labels {@code topic_domains} holds; later ones in {@link #TOPICS} order are cut. */
  public static final int MAX_TOPIC_DOMAINS = 6;

  /** A phrase to look for and the label it stands for. */
  public record Topic(String phrase, String label) {}

  /** KORA's topics, in output order; each label appears once, so the list has no duplicates. */
  public static final List<Topic> TOPICS =
      List.of(
          new Topic("market context", "market_context"),
          new Topic("architecture", "architecture"),
          new Topic("decomposition", "decomposition"),
          new Topic("escalation", "escalation"),
          new Topic("benchmark", "benchmarking"),
          new Topic("rollout", "rollout_plan"),
          new Topic("risk", "risk"),
          new Topic("recommendation", "recommendations"));

  private static final List<String> DEFAULT_TOPIC_DOMAINS = List.of("strategy", "execution");
  private static final List<String> REQUIRED_COMPONENTS =
      List.of("title", "key_message", "bullets", "presenter_notes");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode handle(HandlerInvocation invocation) {
    String text = KoraText.lower(KoraText.ofTask(invocation));
    ObjectNode output = OkOutput.forUnit(invocation.workUnitId());
    output.put("intent", "create_presentation_outline");
    output.put("deliverable_type", "ppt_outline");
    output.set("slide_count", SlideCountPhrase.in(text));
    REQUIRED_COMPONENTS.forEach(output.putArray("required_components")::add);
    topicDomains(text).forEach(output.putArray("topic_domains")::add);
    return output;
  }

  private static List<String> topicDomains(String loweredText) {
    List<String> found =
        TOPICS.stream()
            .filter(topic -> loweredText.contains(topic.phrase()))
            .map(Topic::label)
            .limit(MAX_TOPIC_DOMAINS)
            .toList();
    return found.isEmpty() ? DEFAULT_TOPIC_DOMAINS : found;
  }
}
