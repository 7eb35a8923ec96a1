package io.dashcast.engine.dashd;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest
{
    @Test
    void shouldReadJsonRpcEnvelopes()
    {
        final Map<?, ?> request = (Map<?, ?>)Json.parse(
            " {\"jsonrpc\":\"2.0\",\"id\":7.0,\"method\":\"submitblock\",\"params\":[\"00ff\", null, true, -1e3]} ", 1000);
        assertEquals("submitblock", request.get("method"));
        assertEquals("7.0", ((Json.NumberText)request.get("id")).text());
        final List<?> params = (List<?>)request.get("params");
        assertEquals("00ff", params.get(0));
        assertSame(Json.NULL, params.get(1));
        assertEquals(Boolean.TRUE, params.get(2));
        assertEquals("-1e3", params.get(3).toString());
        final Map<?, ?> reply = (Map<?, ?>)Json.parse("{\"result\":null,\"error\":{\"code\":-22,\"message\":\"Block decode failed\"},\"id\":\"pool\"}\n", 1000);
        assertEquals(-22, ((Json.NumberText)((Map<?, ?>)reply.get("error")).get("code")).longValue());
    }

    @Test
    void shouldRoundTripEscapesLikeUniValue()
    {
        final String text = "{\"id\":\"a\\\"b\\\\c\\n\\u0001\\u00e9/\"}";
        final Map<?, ?> parsed = (Map<?, ?>)Json.parse(text, 1000);
        assertEquals("a\"b\\c\n\u0001\u00e9/", parsed.get("id"));
        assertEquals("{\"id\":\"a\\\"b\\\\c\\n\\u0001\u00e9/\"}", Json.write(new StringBuilder(), parsed).toString());
        assertEquals("[1,{\"a\":[]},null,\"x\"]", Json.write(new StringBuilder(), Json.parse("[1, {\"a\": []}, null, \"x\"]", 100)).toString());
    }

    @Test
    void shouldRefuseMalformedOrUnboundedInput()
    {
        for (final String bad : new String[] {"", "{", "{\"a\":}", "[1,]", "01", "1.", "\"abc", "nul", "{} x", "{\"a\" 1}", "\"\\x\"", "\"\u0001\""})
        {
            assertThrows(Json.JsonException.class, () -> Json.parse(bad, 100), bad);
        }
        assertThrows(Json.JsonException.class, () -> Json.parse("[1,2,3]", 6));
        final String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        final Json.JsonException ex = assertThrows(Json.JsonException.class, () -> Json.parse(deep, 1000));
        assertTrue(ex.getMessage().contains("nesting"));
        assertEquals(0, ex.getStackTrace().length);
    }
}
