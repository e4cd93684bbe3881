package dev.hookverify.jaxrs;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A database that is down: every connection attempt fails, as when the server is unreachable. */
final class Unreachable {
  private Unreachable() {}

  static DataSource dataSource() {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getConnection":
                  throw new SQLException("connection refused (test outage)", "08001");
                case "toString":
                  return "Unreachable.dataSource()";
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
