/** What operators watch: MicroProfile Health checks of the database, the write path and the schema. */
package dev.parley.chat.operations.boundary;
