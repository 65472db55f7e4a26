/** The audit trail of administrative actions (who, what, when, target), stored in the database. */
package dev.parley.chat.audit.boundary;
