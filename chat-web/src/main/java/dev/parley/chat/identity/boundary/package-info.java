/** Sign-in: the auth mode, the dev login, and the REST caller's identity. */
package dev.parley.chat.identity.boundary;
