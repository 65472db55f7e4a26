/** The language-model providers this server is configured with. */
package dev.parley.chat.provider.control;
