package dev.krako.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every price book version, each in force from its {@code effective_from} until the next one. An
 * event is priced by the version in force at its event time, never by the newest: so a replay of
 * last year's events, run today, bills them exactly as they were billed then.
 */
public final class PriceBookCatalog {

  /** The price books packaged with this build, oldest first. A new version is added here. */
  public static final List<String> BUNDLED = List.of("billing/price-book-v1.json");

  private final List<PriceBook> books;

  private PriceBookCatalog(List<PriceBook> books) {
    this.books = books;
  }

  /** A catalog of these versions; their versions and their effective times must be distinct. */
  public static PriceBookCatalog of(List<PriceBook> books) {
    if (books.isEmpty()) {
      throw new IllegalArgumentException("A price book catalog has at least one version.");
    }
    List<PriceBook> sorted = new ArrayList<>(books);
    sorted.sort(Comparator.comparing(PriceBook::effectiveFrom));
    Set<String> versions = new HashSet<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (!versions.add(sorted.get(i).version())) {
        throw new IllegalArgumentException("Two price books are " + sorted.get(i).version());
      }
      if (i > 0 && sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
        throw new IllegalArgumentException(
            "Two price books take effect at " + sorted.get(i).effectiveFrom());
      }
    }
    return new PriceBookCatalog(List.copyOf(sorted));
  }

  /** The bundled price books, read from the classpath. */
  public static PriceBookCatalog bundled() {
    List<PriceBook> books = new ArrayList<>();
    for (String resource : BUNDLED) {
      try (InputStream in = PriceBookCatalog.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("The price book " + resource + " is not packaged.");
        }
        books.add(PriceBookReader.read(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read the price book " + resource, e);
      }
    }
    return of(books);
  }

  /** The version in force at this event time. */
  public PriceBook at(Instant eventTime) {
    PriceBook inForce = null;
    for (PriceBook book : books) {
      if (book.effectiveFrom().isAfter(eventTime)) {
        break;
      }
      inForce = book;
    }
    if (inForce == null) {
      throw new UnbillableEventException(
          "No price book is in force at "
              + eventTime
              + "; the first takes effect at "
              + books.get(0).effectiveFrom()
              + ".");
    }
    return inForce;
  }

  /** Every version, oldest first. */
  public List<PriceBook> books() {
    return books;
  }
}
