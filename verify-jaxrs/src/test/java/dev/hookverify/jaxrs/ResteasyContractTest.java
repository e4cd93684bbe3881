package dev.hookverify.jaxrs;

import io.undertow.Undertow;
import jakarta.ws.rs.core.Application;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/** The contract on RESTEasy 7 over Undertow. */
class ResteasyContractTest extends JaxrsContract {
  @Override
  String runtime() {
    return "resteasy";
  }

  /** RESTEasy injects a proxy that fails on use: "Unable to find contextual data". */
  @Override
  boolean injectsRequestContextIntoResources() {
    return false;
  }

  /**
   * RESTEasy maps an unmapped exception with its default mapper and runs the response filters
   * before it answers: the claim is released before the sender sees the 500.
   */
  @Override
  Duration releaseAfterUnmappedException() {
    return Duration.ZERO;
  }

  @Override
  Running start(Application application) {
    LoopbackServer server = new LoopbackServer();
    server.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
    try {
      server.deploy(application);
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
    return new Running() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public void close() {
        server.stop();
      }
    };
  }

  /** RESTEasy's Undertow server, with the port it was given. */
  private static final class LoopbackServer extends UndertowJaxrsServer {
    int port() {
      return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }
  }
}
