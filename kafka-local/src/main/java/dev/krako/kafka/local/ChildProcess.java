package dev.krako.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM whose stdout and stderr are appended to one log file, and that is ended when this JVM
 * exits.
 */
final class ChildProcess {

  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final List<String> command;
  private final Path logFile;
  private final long logStart;

  private ChildProcess(Process process, List<String> command, Path logFile, long logStart) {
    this.process = process;
    this.command = List.copyOf(command);
    this.logFile = logFile;
    this.logStart = logStart;
  }

  /** Starts {@code command}, appending everything it prints to {@code logFile}. */
  static ChildProcess launch(List<String> command, Path logFile) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()));
    try {
      // Earlier runs wrote the start of the file: diagnostics read from here on.
      long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
      Process process = builder.start();
      ChildProcessReaper.watch(process);
      return new ChildProcess(process, command, logFile, logStart);
    } catch (IOException e) {
      throw new UncheckedIOException("The child JVM could not be started: " + command, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** The exit code; only meaningful once {@link #isAlive()} is false. */
  int exitValue() {
    return process.exitValue();
  }

  /** Where the process's output goes. */
  Path logFile() {
    return logFile;
  }

  /** The size {@link #logFile()} had when this process started: its output begins there. */
  long logStart() {
    return logStart;
  }

  /** The command line, for error messages. */
  String commandLine() {
    return String.join(" ", command);
  }

  /**
   * Waits at most {@code timeout} for the process to exit, returning early when it does.
   *
   * @return true if it has exited
   */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    boolean exited = process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    if (exited) {
      ChildProcessReaper.release(process);
    }
    return exited;
  }

  /** SIGTERM, then SIGKILL if it has not exited within {@code grace}; returns once it is gone. */
  void stop(Duration grace) throws InterruptedException {
    process.destroy();
    if (!awaitExit(grace)) {
      kill();
    }
  }

  /** SIGKILL; returns once the process is gone, so its ports are free again. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    // SIGKILL cannot be ignored: only a process stuck in the kernel outlives this bound.
    if (!awaitExit(KILL_TIMEOUT)) {
      throw new IllegalStateException("The child JVM " + pid() + " survived SIGKILL.");
    }
  }
}
