package dev.parley.chat.assistant.control;

import dev.parley.chat.assistant.entity.CompletionRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * MicroProfile REST Client for an OpenAI-compatible chat completions API (OpenAI, Ollama, vLLM,
 * llama.cpp server). The reply streams as Server-Sent Events, read from the response's entity
 * stream as it arrives; closing the response aborts the request upstream.
 */
public interface ChatCompletionsClient {

    // the path is on the method, not the interface: a @Path on the interface made the server's own
    // JAX-RS scan publish it as a resource (POST /api/chat/completions answered 500)
    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Response stream(@HeaderParam("Authorization") String authorization, CompletionRequest request);
}
