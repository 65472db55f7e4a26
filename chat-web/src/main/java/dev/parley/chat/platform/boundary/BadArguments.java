package dev.parley.chat.platform.boundary;

import dev.parley.chat.protocol.entity.ErrorCode;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An {@link IllegalArgumentException} from validation is the caller's mistake: 400 with its message. */
@Provider
public class BadArguments implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException exception) {
        return ErrorBody.response(400, ErrorCode.BAD_REQUEST, exception.getMessage());
    }
}
