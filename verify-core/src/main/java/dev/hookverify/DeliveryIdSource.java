package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a sender puts its delivery id. Read after the request is proven, so a parser only ever sees
 * authenticated bytes (when the body is signed).
 *
 * <p>Contract: called once per accepted request, on any thread; bounded work. Return empty when
 * there is no usable id. An id is signed only if {@link Authentication#signsHeader} or {@link
 * Authentication#signsBody} says its origin is covered. A failure ({@link
 * WebhookVerificationException} or {@link RuntimeException}) makes the id absent.
 */
@FunctionalInterface
public interface DeliveryIdSource {
  /** The delivery id of {@code request}, proven by {@code authentication}, or empty. */
  Optional<DeliveryId> deliveryId(WebhookRequest request, Authentication authentication)
      throws WebhookVerificationException;

  /**
   * The id in header {@code name}; signed exactly when the signed content includes that header. A
   * header that is repeated or not a valid id counts as absent.
   */
  static DeliveryIdSource header(String name) {
    requireNonNull(name, "name");
    String lower = name.toLowerCase(Locale.ROOT);
    return (request, authentication) -> {
      List<String> values = request.headers(name);
      if (values.size() != 1 || !DeliveryId.isValid(values.get(0))) {
        return Optional.empty();
      }
      return Optional.of(DeliveryId.of(values.get(0), authentication.signsHeader(lower)));
    };
  }
}
