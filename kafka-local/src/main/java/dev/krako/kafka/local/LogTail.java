package dev.krako.kafka.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Excerpts of the part of a log file that one child JVM wrote (from a byte offset on), for error
 * messages. Never throws: it serves error paths.
 */
final class LogTail {

  /** Forty lines of a Kafka log rarely exceed this; a longer file is not read whole. */
  private static final int TAIL_BYTES = 64 * 1024;

  /** A failed start writes far less than this before its first error. */
  private static final int SCAN_BYTES = 4 * 1024 * 1024;

  /** A log line at ERROR, or a crash that bypassed logging. */
  private static final Pattern ERROR = Pattern.compile("\\] ERROR |^Exception in thread |^Error");

  private LogTail() {}

  /** The last {@code lines} lines written from {@code from} on, or a sentence saying why none. */
  static String lastLines(Path file, long from, int lines) {
    try {
      List<String> all = read(file, Math.max(from, Files.size(file) - TAIL_BYTES), TAIL_BYTES);
      if (all.isEmpty()) {
        return "(nothing was written to " + file + ")";
      }
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(" + file + " could not be read: " + e + ")";
    }
  }

  /**
   * The first error written from {@code from} on, with the {@code lines - 1} lines after it (its
   * stack trace, usually), or an empty string if there is none: the last lines of a failed start
   * are mostly the shutdown that followed its cause.
   */
  static String firstError(Path file, long from, int lines) {
    try {
      List<String> all = read(file, from, SCAN_BYTES);
      for (int i = 0; i < all.size(); i++) {
        if (ERROR.matcher(all.get(i)).find()) {
          return String.join("\n", all.subList(i, Math.min(all.size(), i + lines)));
        }
      }
      return "";
    } catch (IOException e) {
      return "";
    }
  }

  private static List<String> read(Path file, long from, int maxBytes) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long start = Math.min(Math.max(0, from), channel.size());
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes, channel.size() - start));
      channel.position(start);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // Reads until the buffer is full or the file ends.
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
    }
  }
}
