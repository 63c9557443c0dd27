package dev.krako.cli;

import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import dev.krako.worker.resilience.GuardedExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An opt-in record of every execution a worker node starts ({@code --witness-file}, docs/
 * operations-processes.md): before the unit runs, one line {@code
 * session_id<TAB>work_unit_id<TAB>attempt_index<TAB>node_id} is appended to a file. It is evidence
 * kept outside Kafka, so a test or an operator can count executions independently of the event log
 * (issue 5: "count executions with an external witness").
 *
 * <p>Each line is written with one {@code write} on a file opened for appending, so lines of
 * several loops, and of several processes sharing the file on a local file system, never
 * interleave; it reaches the operating system before the unit starts, so it survives a SIGKILL of
 * the worker.
 */
public final class ExecutionWitness implements AutoCloseable {

  /** The error code of an attempt that did not run because its witness line failed. */
  public static final String WITNESS_UNWRITABLE = "WITNESS_UNWRITABLE";

  private final FileChannel file;

  private ExecutionWitness(FileChannel file) {
    this.file = file;
  }

  /** Opens (creating if needed) {@code path} for appending. */
  public static ExecutionWitness open(Path path) throws IOException {
    return new ExecutionWitness(
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /**
   * {@code executor}, recording each execution it starts as run by {@code nodeId}. The breakers of
   * a {@link GuardedExecutor} stay visible to the worker node.
   */
  public UnitExecutor around(UnitExecutor executor, String nodeId) {
    UnitExecutor witnessed =
        task -> {
          try {
            record(task, nodeId);
          } catch (IOException e) {
            // No execution without its witness line: the attempt fails unrun, and is retried
            // by the unit's policy.
            return new Outcome.Failed(
                WITNESS_UNWRITABLE,
                "The execution witness could not be written: " + e.getMessage(),
                ExecutionUsage.cpu(0));
          }
          return executor.execute(task);
        };
    return executor instanceof GuardedExecutor guarded
        ? new GuardedExecutor(witnessed, guarded.breakers())
        : witnessed;
  }

  private void record(UnitTask task, String nodeId) throws IOException {
    String line =
        String.join(
                "\t",
                task.sessionId(),
                task.workUnitId(),
                Integer.toString(task.attemptIndex()),
                nodeId)
            + "\n";
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    synchronized (file) {
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
    }
  }

  /** A record of one witnessed execution, as read back from the file. */
  public record Line(String sessionId, String workUnitId, int attemptIndex, String nodeId) {

    /** Parses one line of the file. */
    public static Line parse(String line) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 4) {
        throw new IllegalArgumentException("Not a witness line: " + line);
      }
      return new Line(fields[0], fields[1], Integer.parseInt(fields[2]), fields[3]);
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
