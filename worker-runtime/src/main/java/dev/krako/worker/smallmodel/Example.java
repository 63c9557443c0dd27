package dev.krako.worker.smallmodel;

import java.util.Objects;

/** One labelled training text: {@code {text, label}}. */
public record Example(String text, String label) {

  public Example {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
  }
}
