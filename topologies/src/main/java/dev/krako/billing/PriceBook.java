package dev.krako.billing;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One version of the prices. Every ledger entry names the version that priced it; a version never
 * changes once it has priced an entry (a new price is a new version, see {@link PriceBookCatalog}).
 *
 * @param effectiveFrom the first event time this version prices
 * @param cpuSecond the price of 1,000 CPU milliseconds
 * @param tiers the token prices by model tier (small, medium, large)
 * @param defaultTier the tier whose prices apply to a tier this book does not list
 */
public record PriceBook(
    String version,
    Instant effectiveFrom,
    String currency,
    Rate cpuSecond,
    Map<String, TokenRates> tiers,
    String defaultTier) {

  /** The one currency of the ledger. */
  public static final String USD = "USD";

  /** CPU milliseconds in a CPU-second, and tokens in a priced block of tokens. */
  public static final long PER_UNITS = 1_000;

  public PriceBook {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("A price book has a version.");
    }
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    if (!USD.equals(currency)) {
      throw new IllegalArgumentException("The ledger is in USD, not " + currency + ".");
    }
    requirePerThousand(cpuSecond, "the CPU-second price");
    tiers.forEach(
        (tier, rates) -> {
          requirePerThousand(rates.input(), "the " + tier + " input price");
          requirePerThousand(rates.output(), "the " + tier + " output price");
        });
    tiers = Map.copyOf(new TreeMap<>(tiers));
    if (!tiers.containsKey(defaultTier)) {
      throw new IllegalArgumentException(
          "The default tier " + defaultTier + " is not one of the tiers " + tiers.keySet() + ".");
    }
  }

  private static void requirePerThousand(Rate rate, String what) {
    Objects.requireNonNull(rate, what);
    if (rate.perUnits() != PER_UNITS) {
      throw new IllegalArgumentException(what + " is per " + PER_UNITS + " units.");
    }
  }

  /** The tier whose prices apply: the reported one when this book lists it, else the default. */
  public String pricedTier(String reportedTier) {
    return reportedTier != null && tiers.containsKey(reportedTier) ? reportedTier : defaultTier;
  }

  public TokenRates tokenRates(String reportedTier) {
    return tiers.get(pricedTier(reportedTier));
  }
}
