/** Usage tallies over REST and live over a WebSocket. */
package dev.parley.chat.usage.boundary;
