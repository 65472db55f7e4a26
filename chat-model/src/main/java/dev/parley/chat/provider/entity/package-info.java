/** Providers as users may see them: names and models, never addresses or keys. */
package dev.parley.chat.provider.entity;
