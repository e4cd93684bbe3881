package dev.hookverify.inbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.sql.DataSource;

/**
 * A minimal connection pool over a real data source, as applications run the inbox (HikariCP and
 * the like): a closed connection is rolled back, put back in auto-commit mode and reused. It grows
 * to as many connections as are borrowed at once, so concurrent callers still get separate
 * connections. It spares the tests a PostgreSQL backend start per inbox call.
 */
final class TestPool {
  private final DataSource real;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

  private TestPool(DataSource real) {
    this.real = real;
  }

  static DataSource over(DataSource real) {
    TestPool pool = new TestPool(real);
    return Faults.dataSource(pool::borrow);
  }

  private Connection borrow() throws SQLException {
    Connection c = idle.pollFirst();
    while (c != null && !c.isValid(2)) {
      c.close();
      c = idle.pollFirst();
    }
    Connection connection = c != null ? c : real.getConnection();
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            TestPool.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                if (!closed[0]) {
                  closed[0] = true;
                  giveBack(connection);
                }
                return null;
              }
              if (method.getName().equals("isClosed")) {
                return closed[0] || connection.isClosed();
              }
              if (closed[0]) {
                throw new SQLException("connection returned to the pool", "08003");
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void giveBack(Connection connection) throws SQLException {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
      idle.addFirst(connection);
    } catch (SQLException e) {
      connection.close();
    }
  }
}
