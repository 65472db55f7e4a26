/**
 * Configuration shared by every module: the contract's {@code CHAT_*} keys, the MicroProfile JWT
 * settings derived from them, and the dev signing key. It lives in the model jar because that is
 * the one jar an EAR puts in {@code lib/}, where every server reads MicroProfile Config sources.
 */
package dev.parley.chat.platform.config;
