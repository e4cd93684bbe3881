package dev.hookverify.servlet;

import java.net.URI;

/** A real servlet container started in-process on loopback, port 0. */
interface ServletContainer {
  /**
   * Deploys {@code deployment} at the root context and starts; returns {@code
   * http://127.0.0.1:port}.
   */
  URI start(Deployment deployment) throws Exception;

  /** Stops the container. */
  void stop() throws Exception;
}
