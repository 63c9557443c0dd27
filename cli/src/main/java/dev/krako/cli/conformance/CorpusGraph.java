package dev.krako.cli.conformance;

import java.util.Map;

/**
 * One graph of the corpus as it is submitted, and the scripted pod replies it relies on.
 *
 * @param requestId sent as the {@code krako-request-id} header (0.1 graphs) and written into 1.x
 *     documents, unique per run
 * @param replies the pod's reply per scripted task id; task ids not named get {@link
 *     PodReply#valid()}
 */
public record CorpusGraph(
    Family family,
    String graphId,
    String requestId,
    String document,
    Map<String, PodReply> replies) {

  public CorpusGraph {
    replies = Map.copyOf(replies);
  }

  /** The reply the pod gives this task id. */
  PodReply replyFor(String taskId) {
    return replies.getOrDefault(taskId, PodReply.valid());
  }
}
