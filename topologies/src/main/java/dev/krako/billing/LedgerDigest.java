package dev.krako.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fingerprint of a billing state: SHA-256 over a canonical text of the ledger entries and the
 * wallets. Two runs that billed the same things the same way have the same digest, whatever the
 * order they read the events in and however many partitions they ran on; one entry more (a double
 * bill), less, or different by one micro-dollar changes it.
 *
 * <p>The canonical text, UTF-8, one line per item, each line ending in {@code \n}:
 *
 * <ul>
 *   <li>the header {@code krako-ledger-digest/1};
 *   <li>one {@code entry} line per ledger entry, sorted by entry id, then by the line itself;
 *   <li>one {@code wallet} line per balance, sorted by tenant id, then session id (a tenant's
 *       wallet, which has none, first), then by the line itself.
 * </ul>
 *
 * Strings sort by their UTF-8 bytes (Unicode code point order, the same in any language). On a
 * line, fields follow the tag separated by one space; a string is written {@code <UTF-8 byte
 * length>: <text>} so that no value can be mistaken for a separator, and null is {@code ~}; numbers
 * are decimal, times are epoch milliseconds, amounts are plain decimals at scale 6 and unit prices
 * at scale 9, enums are their wire names. A list is its length followed by its items.
 *
 * <pre>
 * entry entry_id tenant_id graph_id session_id work_unit_id attempt_index line_item
 *       n (meter quantity unit_price per_units amount){n} amount currency price_book_version
 *       source_event_id source_event_type event_time substrate model tier priced_tier
 * wallet tenant_id session_id currency total entry_count n (line_item amount entry_count){n}
 *       last_event_time
 * </pre>
 */
public final class LedgerDigest {

  public static final String HEADER = "krako-ledger-digest/1";

  private static final Comparator<String> UTF8 =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private LedgerDigest() {}

  /** The digest, 64 lower-case hex digits. */
  public static String of(Collection<LedgerLine> entries, Collection<Balance> wallets) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha256.digest(canonicalText(entries, wallets).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256.", e);
    }
  }

  /** The text the digest is taken over: print it to see why two digests differ. */
  public static String canonicalText(Collection<LedgerLine> entries, Collection<Balance> wallets) {
    List<String[]> entryLines = new ArrayList<>();
    entries.forEach(e -> entryLines.add(new String[] {e.entryId(), "", entry(e)}));
    List<String[]> walletLines = new ArrayList<>();
    wallets.forEach(w -> walletLines.add(new String[] {w.tenantId(), walletOrder(w), wallet(w)}));
    Comparator<String[]> order =
        Comparator.<String[], String>comparing(k -> k[0], UTF8)
            .thenComparing(k -> k[1], UTF8)
            .thenComparing(k -> k[2], UTF8);
    entryLines.sort(order);
    walletLines.sort(order);
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    entryLines.forEach(line -> text.append(line[2]).append('\n'));
    walletLines.forEach(line -> text.append(line[2]).append('\n'));
    return text.toString();
  }

  /** A tenant's wallet sorts before its sessions' totals. */
  private static String walletOrder(Balance w) {
    return w.sessionId() == null ? "" : "s" + w.sessionId();
  }

  private static String entry(LedgerLine e) {
    Line line = new Line("entry");
    WorkRef work = e.work();
    line.text(e.entryId()).text(work.tenantId()).text(work.graphId()).text(work.sessionId());
    line.text(work.workUnitId()).number(work.attemptIndex()).word(e.lineItem().wireName());
    line.number(e.charges().size());
    for (Charge c : e.charges()) {
      line.word(c.meter().wireName()).number(c.quantity()).word(c.rate().priceText());
      line.number(c.rate().perUnits()).word(c.amount().toString());
    }
    line.word(e.amount().toString()).text(e.currency()).text(e.priceBookVersion());
    SourceEvent source = e.source();
    line.text(source.eventId()).text(source.eventType()).time(source.eventTime());
    LineDetail d = e.detail();
    line.text(d.substrate() == null ? null : d.substrate().wireName());
    return line.text(d.model()).text(d.tier()).text(d.pricedTier()).toString();
  }

  private static String wallet(Balance w) {
    Line line = new Line("wallet");
    line.text(w.tenantId()).text(w.sessionId()).text(w.currency()).word(w.total().toString());
    line.number(w.entryCount()).number(w.lineItems().size());
    for (Map.Entry<LineItem, LineTotal> item : w.lineItems().entrySet()) {
      line.word(item.getKey().wireName()).word(item.getValue().amount().toString());
      line.number(item.getValue().entryCount());
    }
    return line.time(w.lastEventTime()).toString();
  }

  /** One line of the canonical text. */
  private static final class Line {

    private final StringBuilder text;

    Line(String tag) {
      this.text = new StringBuilder(tag);
    }

    /** A string that may hold any character: length-prefixed. */
    Line text(String value) {
      text.append(' ');
      if (value == null) {
        text.append('~');
      } else {
        text.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
      }
      return this;
    }

    /** A token from a closed alphabet (digits, '.', '-', lower-case letters, '_'). */
    Line word(String value) {
      text.append(' ').append(value);
      return this;
    }

    Line number(long value) {
      return word(Long.toString(value));
    }

    Line time(Instant value) {
      return value == null ? text(null) : number(value.toEpochMilli());
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
