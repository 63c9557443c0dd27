package dev.krako.worker.retrieval;

import java.util.Objects;

/** One entry of a retrieval corpus: {@code {id, text}}. */
public record Passage(String id, String text) {

  public Passage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
  }
}
