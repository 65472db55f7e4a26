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
@Path("/chat/completions")
public interface ChatCompletionsClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Response stream(@HeaderParam("Authorization") String authorization, CompletionRequest request);
}
