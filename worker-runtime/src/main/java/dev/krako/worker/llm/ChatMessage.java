package dev.krako.worker.llm;

import java.util.Objects;

/**
 * One message of a chat completion request.
 *
 * @param role system, user or assistant
 */
public record ChatMessage(String role, String content) {

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }
}
