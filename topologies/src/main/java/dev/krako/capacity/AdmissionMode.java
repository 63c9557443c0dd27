package dev.krako.capacity;

import java.util.Locale;

/** How ingress treats new graphs, from the most to the least open. */
public enum AdmissionMode {
  /** Every valid graph is admitted, within its tenant's normal rate. */
  NORMAL,
  /** Each tenant is held to a low rate; the excess ends {@code admission_rejected}. */
  THROTTLED,
  /** Every new graph ends {@code admission_rejected}; duplicates still get their session id. */
  REJECTING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode of a wire name ({@code normal}, {@code throttled}, {@code rejecting}). */
  public static AdmissionMode parse(String wireName) {
    for (AdmissionMode mode : values()) {
      if (mode.wireName().equals(wireName)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Unknown admission mode '" + wireName + "': normal, throttled or rejecting.");
  }

  boolean tighterThan(AdmissionMode other) {
    return compareTo(other) > 0;
  }
}
