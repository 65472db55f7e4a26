/** Adapting the bundled Hibernate to whichever application server runs it. */
package dev.parley.chat.platform.control;
