package dev.krako.capacity;

import java.time.Instant;

/**
 * The last scale request sent for a pool.
 *
 * @param sequence how many requests came before it (its event id's sequence)
 */
public record LastRequest(int suggestedSize, Instant at, long sequence) {}
