package dev.krako.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The API keys of the query API: each key belongs to exactly one tenant, or to an operator (who
 * reads node trust and no tenant's data, see {@link Caller}). Only the SHA-256 digest of a key is
 * kept. A presented key is digested and compared with every known digest in constant time ({@link
 * MessageDigest#isEqual}, equal lengths), without stopping at a match, so the time of a lookup
 * tells nothing about which key matched or how much of a guess was right.
 *
 * <p>There is no default key and no "allow all": with no keys, nobody is let in. Keys never appear
 * in messages, logs or {@link #toString()}.
 */
public final class ApiKeys {

  /** Shorter keys are refused at start-up: a short key can be guessed. */
  public static final int MIN_KEY_LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<Grant> grants;
  private final BiPredicate<byte[], byte[]> sameDigest;

  private record Grant(byte[] digest, Caller caller) {}

  private ApiKeys(List<Grant> grants, BiPredicate<byte[], byte[]> sameDigest) {
    this.grants = List.copyOf(grants);
    this.sameDigest = sameDigest;
  }

  /** No keys: every request but the health check is refused. */
  public static ApiKeys none() {
    return builder().build();
  }

  /** The given keys (key → tenant id). */
  public static ApiKeys of(Map<String, String> tenantByKey) {
    Builder builder = builder();
    tenantByKey.forEach(builder::key);
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A fresh random key: 32 bytes from {@link SecureRandom}, base64url (43 characters). */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whose the presented key is; empty for an unknown key. */
  Optional<Caller> callerOf(String presentedKey) {
    byte[] presented = digest(presentedKey);
    Caller caller = null;
    for (Grant grant : grants) {
      // Every digest is compared, also after a match.
      if (sameDigest.test(presented, grant.digest())) {
        caller = grant.caller();
      }
    }
    return Optional.ofNullable(caller);
  }

  public int size() {
    return grants.size();
  }

  /** The same keys compared by {@code sameDigest}: lets tests count the comparisons. */
  ApiKeys comparedBy(BiPredicate<byte[], byte[]> sameDigest) {
    return new ApiKeys(grants, sameDigest);
  }

  @Override
  public String toString() {
    return "ApiKeys[" + grants.size() + " keys]";
  }

  static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256.", e);
    }
  }

  /** Collects keys, as plain keys or as SHA-256 digests, and refuses weak or ambiguous ones. */
  public static final class Builder {

    private final Map<String, Caller> callerByDigest = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a plain key of at least {@value #MIN_KEY_LENGTH} characters. */
    public Builder key(String key, String tenantId) {
      return plain(key, tenant(tenantId));
    }

    /** Adds a key known only by its SHA-256 digest (64 hex digits), so no file holds the key. */
    public Builder sha256(String hexDigest, String tenantId) {
      return hashed(hexDigest, tenant(tenantId));
    }

    /** Adds a plain operator key, which reads node trust only. */
    public Builder operatorKey(String key, String operatorName) {
      return plain(key, operator(operatorName));
    }

    /** Adds an operator key known only by its SHA-256 digest. */
    public Builder operatorSha256(String hexDigest, String operatorName) {
      return hashed(hexDigest, operator(operatorName));
    }

    private Builder plain(String key, Caller caller) {
      Objects.requireNonNull(key, "key");
      if (!key.equals(key.strip())) {
        throw new IllegalArgumentException(
            "An API key of " + describe(caller) + " has leading or trailing blanks.");
      }
      if (key.length() < MIN_KEY_LENGTH) {
        throw new IllegalArgumentException(
            "An API key of "
                + describe(caller)
                + " is shorter than "
                + MIN_KEY_LENGTH
                + " characters; make one with ApiKeys.newKey().");
      }
      return add(HEX.formatHex(digest(key)), caller);
    }

    private Builder hashed(String hexDigest, Caller caller) {
      Objects.requireNonNull(hexDigest, "hexDigest");
      if (!hexDigest.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "The sha256 of an API key of " + describe(caller) + " is not 64 hex digits.");
      }
      return add(hexDigest.toLowerCase(Locale.ROOT), caller);
    }

    private Builder add(String hexDigest, Caller caller) {
      Caller previous = callerByDigest.putIfAbsent(hexDigest, caller);
      if (previous != null) {
        throw new IllegalArgumentException(
            "The same API key is listed twice (for "
                + describe(previous)
                + " and "
                + describe(caller)
                + ").");
      }
      return this;
    }

    private static Caller tenant(String tenantId) {
      if (tenantId == null || tenantId.isBlank()) {
        throw new IllegalArgumentException("An API key has no tenant id.");
      }
      return new Caller.Tenant(tenantId);
    }

    private static Caller operator(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("An operator API key has no operator name.");
      }
      return new Caller.Operator(name);
    }

    private static String describe(Caller caller) {
      return caller instanceof Caller.Tenant t
          ? "tenant " + t.id()
          : "operator " + ((Caller.Operator) caller).name();
    }

    public ApiKeys build() {
      List<Grant> grants = new ArrayList<>();
      callerByDigest.forEach((hex, caller) -> grants.add(new Grant(HEX.parseHex(hex), caller)));
      return new ApiKeys(grants, MessageDigest::isEqual);
    }
  }
}
