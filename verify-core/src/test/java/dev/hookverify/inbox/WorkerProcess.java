package dev.hookverify.inbox;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * A worker pool in a process of its own, for {@link InboxWorkersCrashTest} to kill mid-handler.
 * Arguments: JDBC URL, table, lease in milliseconds. Its handler prints {@code RUNNING <attempt>}
 * and hangs; the test then kills the process.
 */
public final class WorkerProcess {
  private WorkerProcess() {}

  public static void main(String[] args) throws Exception {
    // pgjdbc's data source, by reflection: the tests compile in core's module, which lacks
    // java.naming (its supertype's module).
    Class<?> type = Class.forName("org.postgresql.ds.PGSimpleDataSource");
    DataSource dataSource = (DataSource) type.getConstructor().newInstance();
    type.getMethod("setUrl", String.class).invoke(dataSource, args[0]);
    DeliveryInbox inbox = DeliveryInbox.builder(dataSource).table(args[1]).build();
    InboxWorkers.builder(
            inbox,
            d -> {
              System.out.println("RUNNING " + d.attempt());
              System.out.flush();
              Thread.sleep(Long.MAX_VALUE); // killed here
            })
        .workerId("doomed")
        .lease(Duration.ofMillis(Long.parseLong(args[2])))
        .pollInterval(Duration.ofMillis(20))
        .start();
    Thread.sleep(Long.MAX_VALUE);
  }
}
