/** Issuing dev tokens, verifying tokens, and mapping their claims to an identity. */
package dev.parley.chat.identity.control;
