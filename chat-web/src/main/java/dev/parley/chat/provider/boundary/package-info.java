/** The configured language-model providers over REST. */
package dev.parley.chat.provider.boundary;
