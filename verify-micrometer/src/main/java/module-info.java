/**
 * hookverify Micrometer: meters for webhook verifications ({@code hookverify.verifications}),
 * idempotency store operations ({@code hookverify.idempotency.operations}), the audit trail's
 * records ({@code hookverify.audit.records}, {@code .pending}, {@code .capacity}) and the inbox's
 * deliveries by status ({@code hookverify.inbox.deliveries}).
 *
 * <p>Micrometer's {@code micrometer-core} has no module descriptor; its automatic module name is
 * {@code micrometer.core}. Both it and hookverify core are required transitively, because the API
 * takes a {@code MeterRegistry} and decorates an {@code IdempotencyStore}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.hookverify.micrometer {
  requires transitive dev.hookverify.core;
  requires transitive micrometer.core;

  exports dev.hookverify.micrometer;
}
