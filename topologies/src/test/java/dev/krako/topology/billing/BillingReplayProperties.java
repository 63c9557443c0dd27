package dev.krako.topology.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.LineItem;
import dev.krako.avro.Substrate;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random event logs (several tenants and sessions; CPU units that fail, retry and complete late;
 * model units whose calls succeed or fail across attempts; unknown tiers), replayed in random
 * interleavings with redeliveries: the digest never changes, and the ledger holds exactly one entry
 * per completed CPU unit and one per completed model call. jqwik prints the seed of a failure.
 */
class BillingReplayProperties {

  private static final String[] TIERS = {"small", "medium", "large", "xlarge"};

  @Property(tries = 10)
  void anyInterleavingWithRedeliveriesGivesTheSameLedgerAndWallets(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int sessions) throws IOException {
    Random random = new Random(seed);
    List<List<Event>> logs = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      logs.add(session(random, "tenant-" + random.nextInt(3), "req-" + s));
    }
    List<Event> inOrder = logs.stream().flatMap(List::stream).toList();
    List<Event> replay = BillingEventLog.interleave(logs, random, 1 + random.nextInt(20));

    Path dir = Files.createTempDirectory("billing-property");
    try (BillingHarness first = new BillingHarness(dir.resolve("first"));
        BillingHarness second = new BillingHarness(dir.resolve("second"))) {
      first.pipe(inOrder);
      second.pipe(replay);

      assertThat(second.digest()).isEqualTo(first.digest());
      assertThat(first.ledger().stream().filter(e -> e.getLineItem() == LineItem.workunit_cpu))
          .hasSize(completedCpuUnits(inOrder));
      assertThat(first.ledger().stream().filter(e -> e.getLineItem() == LineItem.llm_tokens))
          .hasSize(completedCalls(inOrder));
    } finally {
      delete(dir);
    }
  }

  /** One session: 1 to 4 units, each a CPU unit (either pool) or a model unit, 1 to 3 attempts. */
  static List<Event> session(Random r, String tenant, String request) {
    BillingEventLog log = BillingEventLog.session(tenant, EventIds.sessionId(tenant, request));
    long t = r.nextInt(10_000);
    log.started(t);
    int units = 1 + r.nextInt(4);
    for (int u = 0; u < units; u++) {
      String unit = "unit-" + u;
      int attempts = 1 + r.nextInt(3);
      boolean model = r.nextInt(3) == 0;
      Substrate pool =
          model ? Substrate.llm_pod : r.nextBoolean() ? Substrate.cpu : Substrate.cpu_trusted;
      for (int a = 0; a < attempts; a++) {
        log.scheduled(unit, a, t += 1);
        boolean last = a == attempts - 1;
        if (model) {
          int calls = r.nextInt(3);
          for (int c = 0; c < calls; c++) {
            String tier = TIERS[r.nextInt(TIERS.length)];
            if (r.nextInt(4) == 0) {
              log.llmFailed(unit, a, c, tier, r.nextInt(500), 0, t += 5);
            } else {
              log.llmCompleted(unit, a, c, tier, r.nextInt(5_000), r.nextInt(2_000), t += 5);
            }
          }
        }
        if (last && r.nextInt(5) != 0) {
          log.completed(unit, a, pool, r.nextInt(20_000), t += 10);
          if (a > 0 && r.nextBoolean()) {
            // The late completion of an attempt that had timed out.
            log.completed(unit, 0, pool, r.nextInt(20_000), t += 10);
          }
        } else {
          log.failed(unit, a, pool, r.nextInt(20_000), t += 10);
          if (!last) {
            log.retryScheduled(unit, a + 1, t += 1);
          }
        }
      }
    }
    return log.ended(t + 1).events();
  }

  private static int completedCpuUnits(List<Event> log) {
    Set<String> units = new HashSet<>();
    for (Event e : log) {
      if (e.getEventType().equals(EventTypes.UNIT_COMPLETED)
          && e.getPayload() instanceof dev.krako.avro.WorkUnitCompleted c
          && c.getSubstrate() != Substrate.llm_pod) {
        units.add(e.getSessionId() + "/" + e.getWorkUnitId());
      }
    }
    return units.size();
  }

  private static int completedCalls(List<Event> log) {
    return (int)
        log.stream()
            .filter(e -> e.getEventType().equals(EventTypes.LLM_COMPLETED))
            .map(Event::getEventId)
            .distinct()
            .count();
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
