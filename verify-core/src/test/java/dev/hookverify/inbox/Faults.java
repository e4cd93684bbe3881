package dev.hookverify.inbox;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Data sources that fail the way real ones do, for the inbox's failure tests. */
final class Faults {
  private Faults() {}

  /** A database that refuses connections (SQLState 08001), as a pool that cannot connect does. */
  static DataSource refusing() {
    return dataSource(
        () -> {
          throw new SQLException("connection refused", "08001");
        });
  }

  /** A pool closed under the application: it throws unchecked, as some pools do. */
  static DataSource closedPool() {
    return dataSource(
        () -> {
          throw new IllegalStateException("pool is closed");
        });
  }

  /** A real driver pointed at a port where nothing listens. */
  static DataSource unreachablePostgres() {
    return dataSource(
        () ->
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "postgres", ""));
  }

  /** {@code real}'s connections with auto-commit off, as many pools hand them out. */
  static DataSource withoutAutoCommit(DataSource real) {
    return dataSource(
        () -> {
          Connection c = real.getConnection();
          c.setAutoCommit(false);
          return c;
        });
  }

  interface ConnectionSource {
    Connection get() throws SQLException;
  }

  static DataSource dataSource(ConnectionSource source) {
    return (DataSource)
        Proxy.newProxyInstance(
            Faults.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getConnection":
                  return source.get();
                case "toString":
                  return "Faults.dataSource";
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
