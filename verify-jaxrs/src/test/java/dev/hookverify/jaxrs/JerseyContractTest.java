package dev.hookverify.jaxrs;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** The contract on Jersey 4 over the JDK's HTTP server. */
class JerseyContractTest extends JaxrsContract {
  @Override
  String runtime() {
    return "jersey";
  }

  @Override
  boolean injectsRequestContextIntoResources() {
    return true;
  }

  /**
   * Jersey writes the 500 of an unmapped exception first and runs the response filters after it
   * ({@code ServerRuntime.Responder.process(Throwable)}: {@code failure()}, then the default
   * exception mapper's response through the filters): the claim is released milliseconds after the
   * sender got its answer. 2 s bounds that, far below the 5-minute lease.
   */
  @Override
  Duration releaseAfterUnmappedException() {
    return Duration.ofSeconds(2);
  }

  @Override
  Running start(Application application) {
    ResourceConfig config = ResourceConfig.forApplication(application);
    HttpServer server =
        JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config, false);
    ExecutorService workers = Executors.newFixedThreadPool(16);
    server.setExecutor(workers); // the default runs every exchange on one thread
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    return new Running() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public void close() {
        server.stop(0);
        workers.shutdownNow();
      }
    };
  }
}
