package dev.parley.chat.platform.boundary;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS errors as {@code {"code","message"}}; a refused call without a caller is 401, not 403. */
@Provider
public class WebApplicationErrors implements ExceptionMapper<WebApplicationException> {

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (exception instanceof ForbiddenException && security.getUserPrincipal() == null) {
            status = 401;
        }
        String standard = ErrorBody.standardMessage(status);
        String message = standard != null ? standard : messageOf(exception);
        Response response = ErrorBody.response(status, ErrorBody.codeFor(status), message);
        if (status == 401) {
            return Response.fromResponse(response)
                    .header("WWW-Authenticate", "Bearer")
                    .build();
        }
        return response;
    }

    private static String messageOf(WebApplicationException exception) {
        String message = exception.getMessage();
        return message == null || message.startsWith("HTTP ") ? "bad request" : message;
    }
}
