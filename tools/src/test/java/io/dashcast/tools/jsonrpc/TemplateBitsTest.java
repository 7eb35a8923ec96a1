package io.dashcast.tools.jsonrpc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplateBitsTest
{
    private static final String PARENT = "000000000000001c6d1a9a44a9a3a2e8c1b9d3a7e4f5a6b7c8d9e0f1a2b3c4d5";

    @Test
    void shouldNameTheTemplatesBitsForABlockOnItsParentWithOtherBits()
    {
        final TemplateBits bits = new TemplateBits();
        bits.observe(("{\"result\":{\"version\":536870912,\"previousblockhash\":\"" + PARENT + "\",\"transactions\":" +
            "[{\"data\":\"01\",\"depends\":[]}],\"coinbasetxn\":{\"data\":\"02\"},\"bits\":\"1925a2f1\",\"height\":2000000}," +
            "\"error\":null,\"id\":1}").getBytes(StandardCharsets.UTF_8));
        assertEquals(0x1925a2f1L, bits.mismatch(header(PARENT, 0x1925a2f0L)));
        assertEquals(-1, bits.mismatch(header(PARENT, 0x1925a2f1L)), "the template's own bits");
        assertEquals(-1, bits.mismatch(header(PARENT, 0x1e0fffffL)), "the limit: testnet's minimum-difficulty rule");
        assertEquals(-1, bits.mismatch(header(PARENT.replace('1', '2'), 0x1925a2f0L)), "no template for that parent");
    }

    @Test
    void shouldLearnNothingFromWhatIsNotATemplate()
    {
        final TemplateBits bits = new TemplateBits();
        bits.observe("{\"result\":null,\"error\":{\"code\":-10,\"message\":\"Dash Core is downloading blocks...\"},\"id\":1}"
            .getBytes(StandardCharsets.UTF_8));
        bits.observe("not json".getBytes(StandardCharsets.UTF_8));
        bits.observe(("{\"result\":{\"previousblockhash\":\"zz\",\"bits\":\"1925a2f1\"}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(-1, bits.mismatch(header(PARENT, 0x1925a2f0L)));
        assertEquals(-1, bits.mismatch(new byte[10]));
    }

    private static byte[] header(final String parentDisplayHex, final long bits)
    {
        final byte[] header = new byte[80];
        final byte[] display = HexFormat.of().parseHex(parentDisplayHex);
        for (int i = 0; i < 32; i++)
        {
            header[4 + i] = display[31 - i];
        }
        header[72] = (byte)bits;
        header[73] = (byte)(bits >>> 8);
        header[74] = (byte)(bits >>> 16);
        header[75] = (byte)(bits >>> 24);
        return header;
    }
}
