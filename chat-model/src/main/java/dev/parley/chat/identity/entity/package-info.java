/** Who is speaking: the verified identity taken from a JWT and the user as the wire shows it. */
package dev.parley.chat.identity.entity;
