/**
 * Cross-cutting wiring: the schema migration at start-up (EJB module); the JAX-RS application,
 * error bodies and request limits (web module).
 */
package dev.parley.chat.platform.boundary;
