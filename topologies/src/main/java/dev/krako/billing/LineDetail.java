package dev.krako.billing;

/**
 * What explains an entry's price beyond its quantities: where a CPU unit ran; which model and tier
 * a pod reported, and which tier's prices applied. Fields that do not apply to the line item are
 * null.
 */
public record LineDetail(Substrate substrate, String model, String tier, String pricedTier) {

  public static LineDetail cpu(Substrate substrate) {
    return new LineDetail(substrate, null, null, null);
  }

  public static LineDetail tokens(String model, String tier, String pricedTier) {
    return new LineDetail(null, model, tier, pricedTier);
  }
}
