package dev.parley.chat.platform.boundary;

import dev.parley.chat.protocol.entity.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/** Errors the container answers itself (web.xml error pages) as JSON, never as an HTML stack trace. */
@WebServlet("/error-page")
public class ErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        ErrorCode errorCode = ErrorBody.codeFor(status);
        String message = Objects.requireNonNullElse(ErrorBody.standardMessage(status), "bad request");
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"code\":\"" + errorCode.wireName() + "\",\"message\":\"" + message + "\"}");
    }
}
