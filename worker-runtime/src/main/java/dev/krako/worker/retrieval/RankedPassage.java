package dev.krako.worker.retrieval;

import java.math.BigDecimal;

/**
 * A passage that matched a query, with its score rounded to {@link
 * dev.krako.worker.text.Scores#SCALE} places.
 */
public record RankedPassage(Passage passage, BigDecimal score) {}
