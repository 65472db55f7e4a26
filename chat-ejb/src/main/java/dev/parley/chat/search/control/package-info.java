/** The search's logic without the container: the query's terms, the page cursor, the highlights. */
package dev.parley.chat.search.control;
