/** Search results: the matching messages with the ranges of their bodies that matched. */
package dev.parley.chat.search.entity;
