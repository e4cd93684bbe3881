package dev.hookverify.jaxrs;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.core.Application;
import java.net.URI;
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
