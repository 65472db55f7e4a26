/** Search over the messages of the rooms a caller may enter. */
package dev.parley.chat.search.boundary;
