package dev.krako.cli.bench;

import dev.krako.cli.KrakoCommand;
import dev.krako.cli.KrakoSystem;
import dev.krako.cli.KrakoTopicSpecs;
import dev.krako.kafka.local.BrokerSettings;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.LocalKafkaException;
import dev.krako.kafka.local.TopicSpec;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.capacity.CapacityNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code krako bench}: the whole system under an open-loop load of TaskGraphs, measured against the
 * raw broker on the same machine. See docs/performance.md for the method and the figures.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure Krako: start a local broker (or use --bootstrap-servers) and the whole system"
          + " (ingress, orchestration, billing, CPU and LLM worker pools, a SIMULATED LLM pod),"
          + " measure the raw broker, find the highest sustained rate of TaskGraph sessions, then"
          + " measure throughput and latency at percentages of it.",
      "Writes bench-<run>.json, .txt and .png to --out."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--duration",
      defaultValue = "20s",
      converter = SecondsConverter.class,
      description = "How long each load-level step publishes (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "30s",
      converter = SecondsConverter.class,
      description =
          "The shortest warm-up: windows of --search-duration from --start-rate doubling up to"
              + " --warmup-rate, until"
              + " Krako's JIT is quiet and latency steady (at most --warmup-max); 0 for none"
              + " (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--warmup-rate",
      defaultValue = "16",
      description =
          "Sessions/s the warm-up ramps up to and settles at; the search starts there"
              + " (default: ${DEFAULT-VALUE}).")
  double warmupRate;

  @Option(
      names = "--warmup-max",
      defaultValue = "4m",
      converter = SecondsConverter.class,
      description =
          "The longest warm-up; the report says when the system had not settled by then"
              + " (default: ${DEFAULT-VALUE}).")
  Duration warmupMax;

  @Option(
      names = "--repetitions",
      defaultValue = "3",
      description =
          "Runs of each load level, of the raw broker and of the contract floor (default:"
              + " ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--max-rate",
      description =
          "Use this many sessions/s as the maximum instead of searching for the highest sustained"
              + " rate.")
  Double maxRate;

  @Option(
      names = "--start-rate",
      defaultValue = "2",
      description =
          "Sessions/s of the warm-up and of the search's first step (default: ${DEFAULT-VALUE}).")
  double startRate;

  @Option(
      names = "--search-duration",
      defaultValue = "10s",
      converter = SecondsConverter.class,
      description =
          "How long each step of the max-rate search publishes (default: ${DEFAULT-VALUE}).")
  Duration searchDuration;

  @Option(
      names = "--levels",
      defaultValue = "25,50,75,100",
      split = ",",
      description = "Load levels, in percent of the maximum (default: ${DEFAULT-VALUE}).")
  List<Integer> levels;

  @Option(
      names = "--cpu-loops",
      defaultValue = "2",
      description =
          "Claim loops of the CPU worker pool, as in `krako dev` (default: ${DEFAULT-VALUE}).")
  int cpuLoops;

  @Option(
      names = "--instances",
      defaultValue = "1",
      description =
          "Krako instances started in the bench's JVM, each with every topology and worker pool,"
              + " sharing the partitions as separate processes would (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(
      names = "--raw-records",
      defaultValue = "300000",
      description =
          "Records per raw broker run, and records written per direct contract floor run (6"
              + " per WorkUnit; every floor route runs as many WorkUnits) (default:"
              + " ${DEFAULT-VALUE}).")
  long rawRecords;

  @Option(
      names = "--out",
      defaultValue = "bench-results",
      description = "Folder for the JSON, text and PNG reports (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--bootstrap-servers",
      description = "Use this broker instead of starting a local one.")
  String bootstrapServers;

  @Option(
      names = "--soak",
      converter = SecondsConverter.class,
      description =
          "Measure nothing else: run a steady load at --soak-rate for this long (e.g. 10m) and"
              + " print the orchestration stores' entry counts every --soak-every, then"
              + " for one --session-retention more without load (docs/state-size.md).")
  Duration soak;

  @Option(
      names = "--soak-rate",
      defaultValue = "5",
      description = "Sessions/s of the soak (default: ${DEFAULT-VALUE}).")
  double soakRate;

  @Option(
      names = "--soak-every",
      defaultValue = "10s",
      converter = SecondsConverter.class,
      description = "The soak's sampling interval (default: ${DEFAULT-VALUE}).")
  Duration soakEvery;

  @Option(
      names = "--session-retention",
      defaultValue = "60s",
      converter = SecondsConverter.class,
      description =
          "How long orchestration keeps a finished session (default: ${DEFAULT-VALUE}, shorter"
              + " than krako serve's 1 h so that a soak of minutes shows the store level off).")
  Duration sessionRetention;

  @Option(
      names = "--admission-auto",
      description =
          "Leave admission to the backlog rule (ADR 014). By default the bench holds admission at"
              + " normal, as an operator can: past the maximum the rule throttles, and the search's"
              + " later steps would measure the admission policy instead of the pipeline.")
  boolean admissionAuto;

  @Option(
      names = "--render",
      description =
          "Measure nothing: read a report this command wrote (bench-*.json) and write its table"
              + " and chart again next to it.")
  Path render;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (render != null) {
      return rerender(render);
    }
    BenchPlan plan;
    try {
      requirePositive(soakEvery, "--soak-every");
      requirePositive(sessionRetention, "--session-retention");
      if (soak != null) {
        requirePositive(soak, "--soak");
        if (!(soakRate > 0)) {
          throw new IllegalArgumentException("--soak-rate must be positive");
        }
      }
      plan = plan();
    } catch (IllegalArgumentException e) {
      System.err.println("krako bench: " + e.getMessage());
      return KrakoCommand.USAGE;
    }
    Instant started = Instant.now();
    // Unique per run, so that runs against one broker never share a topic or an application id.
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started)
            + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    Files.createDirectories(out);
    Path work = Files.createTempDirectory("krako-bench-");
    List<Double> loadAtStart = loadAverages();
    Path keepBrokerLog = null;
    try {
      if (bootstrapServers != null) {
        // A broker we did not start may still be our child (the tests' shared broker): measure it.
        OptionalLong pid = ProcessStats.findBrokerPid();
        String describe =
            "given with --bootstrap-servers "
                + bootstrapServers
                + (pid.isPresent()
                    ? " (a child JVM of this one, pid " + pid.getAsLong() + ")"
                    : "");
        return measure(plan, runId, started, bootstrapServers, pid, describe, work, loadAtStart);
      }
      System.out.println("Starting a local Kafka broker ...");
      BrokerSettings settings =
          BrokerSettings.defaults()
              .withDataDir(work.resolve("kafka"))
              .withDefaultPartitions(partitions);
      try (LocalKafkaBroker broker = LocalKafkaBroker.start(settings)) {
        keepBrokerLog = broker.dataDir().resolve("broker.log");
        OptionalLong pid = ProcessStats.findBrokerPid();
        String describe =
            "local KRaft broker in a child JVM (-Xmx"
                + settings.childMaxHeap()
                + (pid.isPresent() ? ", pid " + pid.getAsLong() : "")
                + ")";
        return measure(
            plan, runId, started, broker.bootstrapServers(), pid, describe, work, loadAtStart);
      } catch (LocalKafkaException e) {
        System.err.println("krako bench: the local broker did not start: " + e.getMessage());
        return KrakoCommand.UNAVAILABLE;
      }
    } finally {
      if (keepBrokerLog != null && Files.exists(keepBrokerLog)) {
        // The broker's own account of the run (GC, slow requests), next to the report.
        Files.copy(
            keepBrokerLog,
            out.resolve("bench-" + runId + "-broker.log"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      deleteQuietly(work);
    }
  }

  private int measure(
      BenchPlan plan,
      String runId,
      Instant started,
      String bootstrap,
      OptionalLong brokerPid,
      String brokerDescription,
      Path work,
      List<Double> loadAtStart)
      throws Exception {
    String prefix = "bench-" + runId + ".";
    TopicNames names = TopicNames.defaults().withPrefix(prefix);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      BenchTopics topics = new BenchTopics(admin);
      topics.create(KrakoTopicSpecs.all(names, plan.partitions()));
      System.out.printf("Starting Krako (topics and application ids prefixed %s) ...%n", prefix);
      try (Instances instances =
              Instances.start(plan, sessionRetention, bootstrap, names, work, prefix);
          Rig rig = new Rig(bootstrap, names, runId);
          ProcessStats stats = new ProcessStats(brokerPid)) {
        KrakoSystem system = instances.first();
        if (!admissionAuto) {
          holdAdmissionNormal(bootstrap, names);
        }
        if (soak != null) {
          return soak(system, rig, runId);
        }
        StepRunner steps =
            new StepRunner(
                rig.generator, rig.collector, stats, instances::anyFailed, rig.inFlight::size);
        BenchRun run =
            new BenchRun(
                plan,
                steps,
                new RawBrokerBench(bootstrap),
                new ContractFloorBench(bootstrap),
                stats,
                (name, p) -> topics.create(List.of(TopicSpec.of(name, p))),
                prefix,
                names.events(),
                System.out);
        BenchRun.Findings found;
        try {
          found = run.execute();
        } catch (IllegalStateException e) {
          System.err.println("krako bench: " + e.getMessage());
          return KrakoCommand.FAILED;
        }
        BenchReport.Appends appends = null;
        try {
          appends = AppendCount.of(admin, prefix, rig.collector.workUnitsCompleted());
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // A figure less, not a reason to lose the run's others.
          System.err.println("krako bench: could not count the run's appends: " + e.getMessage());
        }
        BenchReport report =
            report(plan, runId, started, brokerDescription, loadAtStart, found, appends);
        write(report, runId);
        return KrakoCommand.OK;
      }
    }
  }

  /** The operator's hold (`krako admission set normal`), sent to where capacity reads it. */
  private static void holdAdmissionNormal(String bootstrap, TopicNames names) throws Exception {
    KrakoTopics topics = new KrakoTopics(names);
    try (KafkaProducer<String, dev.krako.avro.AdmissionCommand> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            topics.admissionCommands().valueSerde().serializer())) {
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  names.admissionCommands(),
                  0,
                  CapacityNames.ADMISSION_KEY,
                  new dev.krako.avro.AdmissionCommand(
                      "normal",
                      "krako bench measures the pipeline, not the admission policy",
                      "krako-bench",
                      Instant.now())))
          .get();
    }
    System.out.println("Admission held at normal for the run (--admission-auto to leave it).");
  }

  private int soak(KrakoSystem system, Rig rig, String runId) throws Exception {
    SoakRun.Plan plan = new SoakRun.Plan(soakRate, soak, soakEvery, sessionRetention);
    System.out.printf(
        "Soak: %.1f sessions/s for %s, then %s without load ...%n",
        soakRate, soak, sessionRetention);
    List<SoakRun.Sample> samples;
    try {
      samples = new SoakRun(rig.generator, rig.collector, system, System.out).run(plan);
    } catch (IllegalStateException e) {
      System.err.println("krako bench: " + e.getMessage());
      return KrakoCommand.FAILED;
    }
    String table = SoakTable.render(plan, samples);
    Path text = out.resolve("bench-" + runId + "-soak.txt");
    Files.writeString(text, table);
    System.out.println();
    System.out.print(table);
    System.out.printf("%nWrote %s%n", text);
    return KrakoCommand.OK;
  }

  private BenchReport report(
      BenchPlan plan,
      String runId,
      Instant started,
      String broker,
      List<Double> loadAtStart,
      BenchRun.Findings found,
      BenchReport.Appends appends) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    BenchReport.Machine machine =
        new BenchReport.Machine(
            Runtime.getRuntime().availableProcessors(),
            os.getTotalMemorySize() / (1024 * 1024),
            System.getProperty("java.runtime.version")
                + " ("
                + System.getProperty("java.vm.name")
                + ")",
            System.getProperty("os.name")
                + " "
                + System.getProperty("os.version")
                + " "
                + System.getProperty("os.arch"),
            broker,
            loadAtStart,
            loadAverages());
    var raw = java.util.Optional.of(found.rawBroker().producerToConsumerPerSec());
    return new BenchReport(
        runId,
        started.toString(),
        spec == null ? List.of() : spec.commandLine().getParseResult().originalArgs(),
        machine,
        plan.describe(),
        found.rawBroker(),
        found.contractFloor(),
        found.warmup(),
        found.warmupDetail(),
        found.search(),
        found.levels(),
        BenchReport.Headline.of(found.levels(), raw),
        TargetCheck.evaluate(found.levels(), raw),
        appends);
  }

  private void write(BenchReport report, String runId) throws IOException {
    String table = BenchTable.render(report);
    Path json = out.resolve("bench-" + runId + ".json");
    Path text = out.resolve("bench-" + runId + ".txt");
    Path png = out.resolve("bench-" + runId + ".png");
    Files.writeString(json, report.toJson());
    Files.writeString(text, table);
    BenchChart.write(report, png);
    System.out.println();
    System.out.print(table);
    System.out.printf("%nWrote %s, %s and %s%n", json, text, png);
  }

  private static int rerender(Path json) throws IOException {
    if (!Files.isRegularFile(json)) {
      System.err.println("krako bench: no report at " + json);
      return KrakoCommand.USAGE;
    }
    BenchReport report = BenchReport.fromJson(Files.readString(json));
    String stem = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path dir = json.toAbsolutePath().getParent();
    String table = BenchTable.render(report);
    Files.writeString(dir.resolve(stem + ".txt"), table);
    BenchChart.write(report, dir.resolve(stem + ".png"));
    System.out.print(table);
    return KrakoCommand.OK;
  }

  private static void requirePositive(Duration d, String option) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " must be positive");
    }
  }

  private BenchPlan plan() {
    return new BenchPlan(
        duration,
        warmup,
        warmupRate,
        warmupMax,
        repetitions,
        partitions,
        startRate,
        searchDuration,
        maxRate == null ? OptionalDouble.empty() : OptionalDouble.of(maxRate),
        cpuLoops,
        instances,
        rawRecords,
        levels);
  }

  /** The Krako instances under test; the soak reads the stores of the first. */
  private static final class Instances implements AutoCloseable {
    private final List<KrakoSystem> started = new ArrayList<>();

    static Instances start(
        BenchPlan plan,
        Duration sessionRetention,
        String bootstrap,
        TopicNames names,
        Path work,
        String prefix)
        throws Exception {
      Instances instances = new Instances();
      try {
        for (int i = 0; i < plan.instances(); i++) {
          instances.started.add(
              KrakoSystem.start(
                  new KrakoSystem.Settings(
                          bootstrap,
                          names,
                          work.resolve(i == 0 ? "state" : "state-" + i),
                          prefix,
                          plan.cpuLoops(),
                          "127.0.0.1",
                          0)
                      .asInstance(i)
                      .withSessionRetention(sessionRetention)));
        }
      } catch (Exception | Error e) {
        instances.close();
        throw e;
      }
      return instances;
    }

    KrakoSystem first() {
      return started.get(0);
    }

    boolean anyFailed() {
      return started.stream().anyMatch(s -> s.failure().isDone());
    }

    @Override
    public void close() {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).close();
      }
    }
  }

  /** The bench's clients and threads, closed before the system they load. */
  private static final class Rig implements AutoCloseable {
    final ResultCollector collector;
    final LoadGenerator generator;
    final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final Thread collecting;

    Rig(String bootstrap, TopicNames names, String runId) {
      collector =
          new ResultCollector(bootstrap, new KrakoTopics(names), inFlight, System::nanoTime);
      collecting = new Thread(collector, ProcessStats.BENCH_THREADS + "-collector");
      collecting.setDaemon(true);
      collecting.start();
      generator =
          new LoadGenerator(
              producer(bootstrap),
              names.taskGraphs(),
              new GraphMix(8),
              runId,
              inFlight,
              System::nanoTime,
              Clock.systemUTC());
    }

    @Override
    public void close() {
      generator.close();
      collector.close();
      try {
        collecting.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
      return new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrap,
              ProducerConfig.CLIENT_ID_CONFIG,
              ProcessStats.BENCH_THREADS + "-load",
              // As KORA would publish: acknowledged by the broker, no duplicates on retry.
              ProducerConfig.ACKS_CONFIG,
              "all",
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              true,
              ProducerConfig.LINGER_MS_CONFIG,
              1,
              ProducerConfig.MAX_BLOCK_MS_CONFIG,
              10_000),
          new StringSerializer(),
          new ByteArraySerializer());
    }
  }

  private static List<Double> loadAverages() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Deletes a temporary folder and what is in it; one left behind is harmless. */
  static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
