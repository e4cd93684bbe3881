package dev.hookverify.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Tomcat 11, embedded (Servlet 6.1). */
final class TomcatContainer implements ServletContainer {
  private Tomcat tomcat;

  @Override
  public URI start(Deployment deployment) throws Exception {
    Path base = Files.createTempDirectory("tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    for (Deployment.FilterMount mount : deployment.filters) {
      FilterDef def = new FilterDef();
      def.setFilterName(mount.name());
      def.setFilter(mount.filter());
      def.setAsyncSupported("true");
      context.addFilterDef(def);
      FilterMap map = new FilterMap();
      map.setFilterName(mount.name());
      map.addURLPattern(mount.pattern());
      for (DispatcherType type : DispatcherType.values()) {
        map.setDispatcher(type.name());
      }
      context.addFilterMap(map);
    }
    for (Deployment.ServletMount mount : deployment.servlets) {
      Wrapper wrapper = Tomcat.addServlet(context, mount.name(), mount.servlet());
      wrapper.setAsyncSupported(true);
      if (mount.multipart()) {
        wrapper.setMultipartConfigElement(new MultipartConfigElement(""));
      }
      context.addServletMapping(mount.pattern(), mount.name());
    }
    if (deployment.errorPage != null) {
      ErrorPage page = new ErrorPage();
      page.setExceptionType(Throwable.class.getName());
      page.setLocation(deployment.errorPage);
      context.addErrorPage(page);
    }
    tomcat.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  @Override
  public String toString() {
    return ServerInfo.getServerInfo();
  }
}
