package dev.krako.billing;

import java.util.Objects;

/** The prices of one model tier: prompt tokens and completion tokens, each per 1,000 tokens. */
public record TokenRates(Rate input, Rate output) {

  public TokenRates {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
  }
}
