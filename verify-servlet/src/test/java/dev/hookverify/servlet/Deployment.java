package dev.hookverify.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.List;

/**
 * What a contract test deploys, in any container: filters (mapped for every dispatcher type, with
 * async support, so the filter's own dispatch check is what is tested), servlets, and an error page
 * for exceptions.
 */
final class Deployment {
  record FilterMount(String name, Filter filter, String pattern) {}

  record ServletMount(String name, Servlet servlet, String pattern, boolean multipart) {}

  final List<FilterMount> filters = new ArrayList<>();
  final List<ServletMount> servlets = new ArrayList<>();
  String errorPage;

  Deployment filter(String name, Filter filter, String pattern) {
    filters.add(new FilterMount(name, filter, pattern));
    return this;
  }

  Deployment servlet(String name, Servlet servlet, String pattern) {
    servlets.add(new ServletMount(name, servlet, pattern, false));
    return this;
  }

  Deployment multipartServlet(String name, Servlet servlet, String pattern) {
    servlets.add(new ServletMount(name, servlet, pattern, true));
    return this;
  }

  Deployment errorPage(String location) {
    this.errorPage = location;
    return this;
  }
}
