package dev.parley.chat.provider.entity;

import java.util.List;

/** A configured provider as {@code GET /api/assistant/providers} lists it; the first model is its default. */
public record ProviderView(String name, List<String> models) {}
