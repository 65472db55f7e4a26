/**
 * What operators watch: MicroProfile Health checks of the database, the write path and the schema
 * (EJB module); the Prometheus endpoint, the JMX bean and the admin REST API (web module).
 */
package dev.parley.chat.operations.boundary;
