package dev.parley.chat.room.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenlessRequestTest {

    @Test
    void theTokenLeavesTheQueryStringAndTheRestStaysInItsOrder() {
        assertThat(TokenlessRequest.withoutToken("access_token=eyJ.a.b&since=4&rev=2"))
                .isEqualTo("since=4&rev=2");
        assertThat(TokenlessRequest.withoutToken("since=4&access_token=eyJ.a.b"))
                .isEqualTo("since=4");
        assertThat(TokenlessRequest.withoutToken("since=4&access_token=x&access_token=y&rev=1"))
                .isEqualTo("since=4&rev=1");
    }

    @Test
    void aTokenWhoseNameIsPercentEncodedGoesToo() {
        assertThat(TokenlessRequest.withoutToken("access%5Ftoken=eyJ&since=1")).isEqualTo("since=1");
    }

    @Test
    void nothingLeftIsNoQueryString() {
        assertThat(TokenlessRequest.withoutToken("access_token=eyJ")).isNull();
        assertThat(TokenlessRequest.withoutToken(null)).isNull();
        assertThat(TokenlessRequest.withoutToken("&&")).isNull();
    }

    @Test
    void similarNamesAndMalformedEscapesAreKept() {
        assertThat(TokenlessRequest.withoutToken("access_token2=a&my_access_token=b&x=%zz"))
                .isEqualTo("access_token2=a&my_access_token=b&x=%zz");
        assertThat(TokenlessRequest.withoutToken("%zz=1&access_token")).isEqualTo("%zz=1");
    }

    @Test
    void theParametersNoLongerNameTheToken() {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        parameters.put("access_token", new String[] {"eyJ.a.b"});
        parameters.put("since", new String[] {"4"});
        TokenlessRequest request = new TokenlessRequest(request("access_token=eyJ.a.b&since=4", parameters));

        assertThat(request.getParameter("access_token")).isNull();
        assertThat(request.getParameterValues("access_token")).isNull();
        assertThat(request.getParameterMap()).containsOnlyKeys("since");
        assertThat(Collections.list(request.getParameterNames())).containsExactly("since");
        assertThat(request.getParameter("since")).isEqualTo("4");
        assertThat(request.getQueryString()).isEqualTo("since=4");
    }

    private static HttpServletRequest request(String query, Map<String, String[]> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getQueryString" -> query;
                    case "getParameterMap" -> parameters;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
