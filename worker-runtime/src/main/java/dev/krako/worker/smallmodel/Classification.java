package dev.krako.worker.smallmodel;

import java.math.BigDecimal;

/**
 * A classifier's answer.
 *
 * @param confidence the posterior probability of {@code label}, in [0, 1], rounded to {@link
 *     dev.krako.worker.text.Scores#SCALE} places
 */
public record Classification(String label, BigDecimal confidence) {}
