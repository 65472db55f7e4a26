/** The audit trail's stored entries and their wire form. */
package dev.parley.chat.audit.entity;
