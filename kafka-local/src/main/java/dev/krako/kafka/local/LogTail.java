package dev.krako.kafka.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages. */
final class LogTail {

  /** Forty lines of a Kafka log rarely exceed this; a longer file is not read whole. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /**
   * The last {@code lines} lines of {@code file}, or a sentence saying why there are none. Never
   * throws: it serves error paths.
   */
  static String of(Path file, int lines) {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long start = Math.max(0, channel.size() - MAX_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
      channel.position(start);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // Reads until the buffer is full or the file ends.
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      List<String> all = Arrays.asList(text.split("\\R"));
      if (all.size() == 1 && all.get(0).isEmpty()) {
        return "(" + file + " is empty)";
      }
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(" + file + " could not be read: " + e + ")";
    }
  }
}
