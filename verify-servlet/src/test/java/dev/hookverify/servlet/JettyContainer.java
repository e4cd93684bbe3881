package dev.hookverify.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12, ee10 (Servlet 6.0). */
final class JettyContainer implements ServletContainer {
  private Server server;

  @Override
  public URI start(Deployment deployment) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    for (Deployment.FilterMount mount : deployment.filters) {
      FilterHolder holder = new FilterHolder(mount.filter());
      holder.setName(mount.name());
      holder.setAsyncSupported(true);
      context.addFilter(holder, mount.pattern(), EnumSet.allOf(DispatcherType.class));
    }
    for (Deployment.ServletMount mount : deployment.servlets) {
      ServletHolder holder = new ServletHolder(mount.name(), mount.servlet());
      holder.setAsyncSupported(true);
      if (mount.multipart()) {
        holder
            .getRegistration()
            .setMultipartConfig(
                new MultipartConfigElement(Files.createTempDirectory("jetty-parts").toString()));
      }
      context.addServlet(holder, mount.pattern());
    }
    if (deployment.errorPage != null) {
      ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
      errors.addErrorPage(Throwable.class, deployment.errorPage);
      context.setErrorHandler(errors);
    }
    server.setHandler(context);
    server.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Override
  public String toString() {
    return "Jetty " + Server.getVersion();
  }
}
