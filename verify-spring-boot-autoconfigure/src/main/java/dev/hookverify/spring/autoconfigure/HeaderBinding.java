package dev.hookverify.spring.autoconfigure;

import java.lang.reflect.Method;
import java.util.function.Predicate;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.DataBinder;

/**
 * Turns off the binding of request headers that Spring Framework 6.2 added to {@code
 * ModelAttribute} data binding (a {@code User-Name} header fills {@code userName} where the form
 * has no such field), on both Spring MVC and WebFlux binders. No webhook sender signs such headers,
 * so on a verified webhook a replay could add values the handler binds. The binder classes moved
 * between Spring Framework 6.2 and 7 ({@code ...mvc.method.annotation} to {@code
 * ...servlet.support}, {@code ...result.method.annotation} to {@code ...reactive.result}), both
 * with a public {@code setHeaderPredicate(Predicate)}, so it is found by name. Thread-safe.
 */
public final class HeaderBinding {
  private static final ClassValue<Method> SETTERS =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          return ReflectionUtils.findMethod(type, "setHeaderPredicate", Predicate.class);
        }
      };

  private HeaderBinding() {}

  /** Makes {@code binder} bind no request header; nothing for a binder that binds none. */
  public static void off(DataBinder binder) {
    Method setter = SETTERS.get(binder.getClass());
    if (setter != null) {
      Predicate<String> none = name -> false;
      ReflectionUtils.invokeMethod(setter, binder, none);
    }
  }
}
