package dev.hookverify.jaxrs;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The application a runtime serves: the feature and resource instances, the portable way. */
final class TestApplication extends Application {
  private final Set<Object> singletons;

  TestApplication(Object... singletons) {
    this.singletons = Set.of(singletons);
  }

  @Override
  @SuppressWarnings("deprecation") // the portable way to hand a runtime instances, on 3.1 and 4.0
  public Set<Object> getSingletons() {
    return singletons;
  }
}
