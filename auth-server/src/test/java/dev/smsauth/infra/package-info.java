/**
 * Checks of the deployment files under {@code infra/} (Dockerfiles, Compose, nginx, Kubernetes):
 * they parse, have the structure the deployment relies on, pass only settings the applications
 * read, and nginx accepts and runs the proxy configuration.
 */
package dev.smsauth.infra;
