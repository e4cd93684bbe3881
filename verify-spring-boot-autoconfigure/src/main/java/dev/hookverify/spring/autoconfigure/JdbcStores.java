package dev.hookverify.spring.autoconfigure;

import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.spring.autoconfigure.HookverifyProperties.SchemaInitialization;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The JDBC store on the application's DataSource: the dialect read from the database, the table
 * created as {@code initialize-schema} says, and its presence checked, so a missing table fails the
 * start-up instead of every delivery.
 */
final class JdbcStores {
  /** Database products Spring Boot counts as embedded (H2, HSQLDB, Derby). */
  private static final Set<String> EMBEDDED = Set.of("h2", "hsql database engine", "apache derby");

  private JdbcStores() {}

  static JdbcIdempotencyStore create(
      DataSource dataSource, HookverifyProperties.Idempotency config) {
    String table = config.getTable();
    JdbcIdempotencyStore store;
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      JdbcIdempotencyStore.Builder builder =
          JdbcIdempotencyStore.builder(dataSource)
              .dialect(
                  product.contains("postgresql")
                      ? JdbcIdempotencyStore.Dialect.POSTGRESQL
                      : JdbcIdempotencyStore.Dialect.STANDARD);
      try {
        builder.table(table);
      } catch (IllegalArgumentException e) {
        throw new HookverifyConfigurationException(
            "hookverify.idempotency.table is '" + table + "', which is not a plain SQL identifier.",
            "Set hookverify.idempotency.table to a name such as hookverify_delivery or"
                + " webhooks.hookverify_delivery.");
      }
      store = builder.build();
      if (!exists(connection, table)) {
        boolean create =
            config.getInitializeSchema() == SchemaInitialization.ALWAYS
                || (config.getInitializeSchema() == SchemaInitialization.EMBEDDED
                    && EMBEDDED.contains(product));
        if (!create) {
          throw new HookverifyConfigurationException(
              "The idempotency table '"
                  + table
                  + "' does not exist in the application's DataSource ("
                  + product
                  + "), and hookverify.idempotency.initialize-schema is "
                  + config.getInitializeSchema().name().toLowerCase(Locale.ROOT)
                  + ".",
              "Create it with your migrations (the DDL is JdbcIdempotencyStore.createTableSql(),"
                  + " shipped as dev/hookverify/idempotency/*.sql in verify-core), or set"
                  + " hookverify.idempotency.initialize-schema=always, or choose another"
                  + " hookverify.idempotency.store.");
        }
        createTable(connection, store.createTableSql());
      }
    } catch (SQLException e) {
      throw new HookverifyConfigurationException(
          "The idempotency store could not reach the application's DataSource: " + e.getMessage(),
          "Check spring.datasource.*, or set hookverify.idempotency.store to redis, memory or"
              + " none.");
    }
    return store;
  }

  private static boolean exists(Connection connection, String table) {
    try (Statement statement = connection.createStatement()) {
      // Identifiers are checked by the store's builder; a plain name cannot inject SQL.
      statement.execute("SELECT 1 FROM " + table + " WHERE 1 = 0");
      return true;
    } catch (SQLException e) {
      rollbackQuietly(connection);
      return false;
    }
  }

  private static void createTable(Connection connection, String ddl) throws SQLException {
    StringBuilder sql = new StringBuilder();
    for (String line : ddl.split("\n", -1)) {
      int comment = line.indexOf("--");
      sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
    }
    try (Statement statement = connection.createStatement()) {
      for (String one : sql.toString().split(";")) {
        if (!one.isBlank()) {
          statement.execute(one.strip());
        }
      }
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // The probe's failure was the answer; the connection returns to the pool either way.
    }
  }
}
