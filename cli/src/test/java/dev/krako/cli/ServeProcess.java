package dev.krako.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code krako serve} process started from this JVM's class path, as a deployment starts one: a
 * separate JVM, its own HTTP port, its output in a log file. Every one still running when this JVM
 * exits is killed, so no worker outlives the test run.
 */
final class ServeProcess implements AutoCloseable {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "serve-process-reaper"));
  }

  final String name;
  private final Process process;
  private final int httpPort;

  private ServeProcess(String name, Process process, int httpPort) {
    this.name = name;
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Starts {@code krako serve ARGS --http-port <free port>}, its output in {@code <name>.log}. */
  static ServeProcess start(String name, Path logDir, List<String> args) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    // A worker needs no peak performance here, and the test box is shared: start cheaply.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KrakoCommand.class.getName());
    command.add("serve");
    command.addAll(args);
    command.add("--http-host");
    command.add("127.0.0.1");
    command.add("--http-port");
    command.add(Integer.toString(port));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logDir.resolve(name + ".log").toFile()));
    builder.environment().put("KRAKO_LOG_LEVEL", "INFO");
    try {
      Process process = builder.start();
      RUNNING.add(process);
      return new ServeProcess(name, process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + command, e);
    }
  }

  /** Whether {@code /v1/ready} answers 200: every component of the process runs. */
  boolean ready() {
    try {
      return get("/v1/ready").statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  HttpResponse<String> get(String path) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Waits until {@code /v1/ready} answers 200; fails at once if the process exits first. */
  void awaitReady(Duration patience) {
    org.awaitility.Awaitility.await()
        .atMost(patience)
        .pollInterval(Duration.ofMillis(200))
        .failFast(this + " exited", () -> !isAlive())
        .until(this::ready);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the process gets no chance to finish or report anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM: a graceful stop. Returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(40))) {
      kill();
    }
    return process.exitValue();
  }

  private boolean awaitExit(Duration timeout) throws InterruptedException {
    boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (exited) {
      RUNNING.remove(process);
    }
    return exited;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
