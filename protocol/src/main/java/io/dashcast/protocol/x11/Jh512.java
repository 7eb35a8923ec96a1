package io.dashcast.protocol.x11;

/**
 * JH-512 over a 64-byte message: the message block, then the constant padding block (0x80, zeros,
 * the 512-bit length), each through the bitsliced E8 (42 rounds) on sixteen big-endian longs.
 */
final class Jh512
{
    private static final long[] IV = {
        0x6FD14B963E00AA17L, 0x636A2E057A15D543L, 0x8A225E8D0C97EF0BL, 0xE9341259F2B3C361L,
        0x891DA0C1536F801EL, 0x2AA9056BEA2B6D80L, 0x588ECCDB2075BAA6L, 0xA90F3A76BAF83BF7L,
        0x0169E60541E34A69L, 0x46B58A8E2E6FE65AL, 0x1047A7D0C1843C24L, 0x3B6E71B12D5AC199L,
        0xCF57F6EC9DB1F856L, 0xA706887C5716B156L, 0xE3C2FCDFE68517FBL, 0x545A4678CC8CDD4BL };
    /** Round constants, four per round. */
    private static final long[] C = {
        0x72D5DEA2DF15F867L, 0x7B84150AB7231557L, 0x81ABD6904D5A87F6L, 0x4E9F4FC5C3D12B40L,
        0xEA983AE05C45FA9CL, 0x03C5D29966B2999AL, 0x660296B4F2BB538AL, 0xB556141A88DBA231L,
        0x03A35A5C9A190EDBL, 0x403FB20A87C14410L, 0x1C051980849E951DL, 0x6F33EBAD5EE7CDDCL,
        0x10BA139202BF6B41L, 0xDC786515F7BB27D0L, 0x0A2C813937AA7850L, 0x3F1ABFD2410091D3L,
        0x422D5A0DF6CC7E90L, 0xDD629F9C92C097CEL, 0x185CA70BC72B44ACL, 0xD1DF65D663C6FC23L,
        0x976E6C039EE0B81AL, 0x2105457E446CECA8L, 0xEEF103BB5D8E61FAL, 0xFD9697B294838197L,
        0x4A8E8537DB03302FL, 0x2A678D2DFB9F6A95L, 0x8AFE7381F8B8696CL, 0x8AC77246C07F4214L,
        0xC5F4158FBDC75EC4L, 0x75446FA78F11BB80L, 0x52DE75B7AEE488BCL, 0x82B8001E98A6A3F4L,
        0x8EF48F33A9A36315L, 0xAA5F5624D5B7F989L, 0xB6F1ED207C5AE0FDL, 0x36CAE95A06422C36L,
        0xCE2935434EFE983DL, 0x533AF974739A4BA7L, 0xD0F51F596F4E8186L, 0x0E9DAD81AFD85A9FL,
        0xA7050667EE34626AL, 0x8B0B28BE6EB91727L, 0x47740726C680103FL, 0xE0A07E6FC67E487BL,
        0x0D550AA54AF8A4C0L, 0x91E3E79F978EF19EL, 0x8676728150608DD4L, 0x7E9E5A41F3E5B062L,
        0xFC9F1FEC4054207AL, 0xE3E41A00CEF4C984L, 0x4FD794F59DFA95D8L, 0x552E7E1124C354A5L,
        0x5BDF7228BDFE6E28L, 0x78F57FE20FA5C4B2L, 0x05897CEFEE49D32EL, 0x447E9385EB28597FL,
        0x705F6937B324314AL, 0x5E8628F11DD6E465L, 0xC71B770451B920E7L, 0x74FE43E823D4878AL,
        0x7D29E8A3927694F2L, 0xDDCB7A099B30D9C1L, 0x1D1B30FB5BDC1BE0L, 0xDA24494FF29C82BFL,
        0xA4E7BA31B470BFFFL, 0x0D324405DEF8BC48L, 0x3BAEFC3253BBD339L, 0x459FC3C1E0298BA0L,
        0xE5C905FDF7AE090FL, 0x947034124290F134L, 0xA271B701E344ED95L, 0xE93B8E364F2F984AL,
        0x88401D63A06CF615L, 0x47C1444B8752AFFFL, 0x7EBB4AF1E20AC630L, 0x4670B6C5CC6E8CE6L,
        0xA4D5A456BD4FCA00L, 0xDA9D844BC83E18AEL, 0x7357CE453064D1ADL, 0xE8A6CE68145C2567L,
        0xA3DA8CF2CB0EE116L, 0x33E906589A94999AL, 0x1F60B220C26F847BL, 0xD1CEAC7FA0D18518L,
        0x32595BA18DDD19D3L, 0x509A1CC0AAA5B446L, 0x9F3D6367E4046BBAL, 0xF6CA19AB0B56EE7EL,
        0x1FB179EAA9282174L, 0xE9BDF7353B3651EEL, 0x1D57AC5A7550D376L, 0x3A46C2FEA37D7001L,
        0xF735C1AF98A4D842L, 0x78EDEC209E6B6779L, 0x41836315EA3ADBA8L, 0xFAC33B4D32832C83L,
        0xA7403B1F1C2747F3L, 0x5940F034B72D769AL, 0xE73E4E6CD2214FFDL, 0xB8FD8D39DC5759EFL,
        0x8D9B0C492B49EBDAL, 0x5BA2D74968F3700DL, 0x7D3BAED07A8D5584L, 0xF5A5E9F0E4F88E65L,
        0xA0B8A2F436103B53L, 0x0CA8079E753EEC5AL, 0x9168949256E8884FL, 0x5BB05C55F8BABC4CL,
        0xE3BB3B99F387947BL, 0x75DAF4D6726B1C5DL, 0x64AEAC28DC34B36DL, 0x6C34A550B828DB71L,
        0xF861E2F2108D512AL, 0xE3DB643359DD75FCL, 0x1CACBCF143CE3FA2L, 0x67BBD13C02E843B0L,
        0x330A5BCA8829A175L, 0x7F34194DB416535CL, 0x923B94C30E794D1EL, 0x797475D7B6EEAF3FL,
        0xEAA8D4F7BE1A3921L, 0x5CF47E094C232751L, 0x26A32453BA323CD2L, 0x44A3174A6DA6D5ADL,
        0xB51D3EA6AFF2C908L, 0x83593D98916B3C56L, 0x4CF87CA17286604DL, 0x46E23ECC086EC7F6L,
        0x2F9833B3B1BC765EL, 0x2BD666A5EFC4E62AL, 0x06F4B6E8BEC1D436L, 0x74EE8215BCEF2163L,
        0xFDC14E0DF453C969L, 0xA77D5AC406585826L, 0x7EC1141606E0FA16L, 0x7E90AF3D28639D3FL,
        0xD2C9F2E3009BD20CL, 0x5FAACE30B7D40C30L, 0x742A5116F2E03298L, 0x0DEB30D8E3CEF89AL,
        0x4BC59E7BB5F17992L, 0xFF51E66E048668D3L, 0x9B234D57E6966731L, 0xCCE6A6F3170A7505L,
        0xB17681D913326CCEL, 0x3C175284F805A262L, 0xF42BCBB378471547L, 0xFF46548223936A48L,
        0x38DF58074E5E6565L, 0xF2FC7C89FC86508EL, 0x31702E44D00BCA86L, 0xF04009A23078474EL,
        0x65A0EE39D1F73883L, 0xF75EE937E42C3ABDL, 0x2197B2260113F86FL, 0xA344EDD1EF9FDEE7L,
        0x8BA0DF15762592D9L, 0x3C85F7F612DC42BEL, 0xD8A7EC7CAB27B07EL, 0x538D7DDAAA3EA8DEL,
        0xAA25CE93BD0269D8L, 0x5AF643FD1A7308F9L, 0xC05FEFDA174A19A5L, 0x974D66334CFD216AL,
        0x35B49831DB411570L, 0xEA1E0FBBEDCD549BL, 0x9AD063A151974072L, 0xF6759DBF91476FE2L };

    private final long[] s = new long[16];

    /**
     * @param in  64-byte message, eight little-endian words.
     * @param out 64-byte digest, eight little-endian words.
     */
    void hash(final long[] in, final long[] out)
    {
        final long[] s = this.s;
        System.arraycopy(IV, 0, s, 0, 16);
        final long m0 = Long.reverseBytes(in[0]);
        final long m1 = Long.reverseBytes(in[1]);
        final long m2 = Long.reverseBytes(in[2]);
        final long m3 = Long.reverseBytes(in[3]);
        final long m4 = Long.reverseBytes(in[4]);
        final long m5 = Long.reverseBytes(in[5]);
        final long m6 = Long.reverseBytes(in[6]);
        final long m7 = Long.reverseBytes(in[7]);
        block(m0, m1, m2, m3, m4, m5, m6, m7);
        block(0x8000000000000000L, 0, 0, 0, 0, 0, 0, 512);
        for (int i = 0; i < 8; i++)
        {
            out[i] = Long.reverseBytes(s[8 + i]);
        }
    }

    private void block(
        final long m0, final long m1, final long m2, final long m3,
        final long m4, final long m5, final long m6, final long m7)
    {
        final long[] s = this.s;
        s[0] ^= m0;
        s[1] ^= m1;
        s[2] ^= m2;
        s[3] ^= m3;
        s[4] ^= m4;
        s[5] ^= m5;
        s[6] ^= m6;
        s[7] ^= m7;
        e8();
        s[8] ^= m0;
        s[9] ^= m1;
        s[10] ^= m2;
        s[11] ^= m3;
        s[12] ^= m4;
        s[13] ^= m5;
        s[14] ^= m6;
        s[15] ^= m7;
    }

    private void e8()
    {
        final long[] s = this.s;
        long h0h = s[0];
        long h0l = s[1];
        long h1h = s[2];
        long h1l = s[3];
        long h2h = s[4];
        long h2l = s[5];
        long h3h = s[6];
        long h3l = s[7];
        long h4h = s[8];
        long h4l = s[9];
        long h5h = s[10];
        long h5l = s[11];
        long h6h = s[12];
        long h6l = s[13];
        long h7h = s[14];
        long h7l = s[15];
        long tmp;
        for (int c = 0; c < 168; c += 28)
        {
            // round r + 0
            h6h = ~h6h;
            h0h ^= C[c] & ~h4h;
            tmp = C[c] ^ (h0h & h2h);
            h0h ^= h4h & h6h;
            h6h ^= ~h2h & h4h;
            h2h ^= h0h & h4h;
            h4h ^= h0h & ~h6h;
            h0h ^= h2h | h6h;
            h6h ^= h2h & h4h;
            h2h ^= tmp & h0h;
            h4h ^= tmp;
            h6l = ~h6l;
            h0l ^= C[c + 1] & ~h4l;
            tmp = C[c + 1] ^ (h0l & h2l);
            h0l ^= h4l & h6l;
            h6l ^= ~h2l & h4l;
            h2l ^= h0l & h4l;
            h4l ^= h0l & ~h6l;
            h0l ^= h2l | h6l;
            h6l ^= h2l & h4l;
            h2l ^= tmp & h0l;
            h4l ^= tmp;
            h7h = ~h7h;
            h1h ^= C[c + 2] & ~h5h;
            tmp = C[c + 2] ^ (h1h & h3h);
            h1h ^= h5h & h7h;
            h7h ^= ~h3h & h5h;
            h3h ^= h1h & h5h;
            h5h ^= h1h & ~h7h;
            h1h ^= h3h | h7h;
            h7h ^= h3h & h5h;
            h3h ^= tmp & h1h;
            h5h ^= tmp;
            h7l = ~h7l;
            h1l ^= C[c + 3] & ~h5l;
            tmp = C[c + 3] ^ (h1l & h3l);
            h1l ^= h5l & h7l;
            h7l ^= ~h3l & h5l;
            h3l ^= h1l & h5l;
            h5l ^= h1l & ~h7l;
            h1l ^= h3l | h7l;
            h7l ^= h3l & h5l;
            h3l ^= tmp & h1l;
            h5l ^= tmp;
            h1h ^= h2h;
            h3h ^= h4h;
            h5h ^= h6h ^ h0h;
            h7h ^= h0h;
            h0h ^= h3h;
            h2h ^= h5h;
            h4h ^= h7h ^ h1h;
            h6h ^= h1h;
            h1l ^= h2l;
            h3l ^= h4l;
            h5l ^= h6l ^ h0l;
            h7l ^= h0l;
            h0l ^= h3l;
            h2l ^= h5l;
            h4l ^= h7l ^ h1l;
            h6l ^= h1l;
            tmp = (h1h & 0x5555555555555555L) << 1;
            h1h = ((h1h >>> 1) & 0x5555555555555555L) | tmp;
            tmp = (h1l & 0x5555555555555555L) << 1;
            h1l = ((h1l >>> 1) & 0x5555555555555555L) | tmp;
            tmp = (h3h & 0x5555555555555555L) << 1;
            h3h = ((h3h >>> 1) & 0x5555555555555555L) | tmp;
            tmp = (h3l & 0x5555555555555555L) << 1;
            h3l = ((h3l >>> 1) & 0x5555555555555555L) | tmp;
            tmp = (h5h & 0x5555555555555555L) << 1;
            h5h = ((h5h >>> 1) & 0x5555555555555555L) | tmp;
            tmp = (h5l & 0x5555555555555555L) << 1;
            h5l = ((h5l >>> 1) & 0x5555555555555555L) | tmp;
            tmp = (h7h & 0x5555555555555555L) << 1;
            h7h = ((h7h >>> 1) & 0x5555555555555555L) | tmp;
            tmp = (h7l & 0x5555555555555555L) << 1;
            h7l = ((h7l >>> 1) & 0x5555555555555555L) | tmp;
            // round r + 1
            h6h = ~h6h;
            h0h ^= C[c + 4] & ~h4h;
            tmp = C[c + 4] ^ (h0h & h2h);
            h0h ^= h4h & h6h;
            h6h ^= ~h2h & h4h;
            h2h ^= h0h & h4h;
            h4h ^= h0h & ~h6h;
            h0h ^= h2h | h6h;
            h6h ^= h2h & h4h;
            h2h ^= tmp & h0h;
            h4h ^= tmp;
            h6l = ~h6l;
            h0l ^= C[c + 5] & ~h4l;
            tmp = C[c + 5] ^ (h0l & h2l);
            h0l ^= h4l & h6l;
            h6l ^= ~h2l & h4l;
            h2l ^= h0l & h4l;
            h4l ^= h0l & ~h6l;
            h0l ^= h2l | h6l;
            h6l ^= h2l & h4l;
            h2l ^= tmp & h0l;
            h4l ^= tmp;
            h7h = ~h7h;
            h1h ^= C[c + 6] & ~h5h;
            tmp = C[c + 6] ^ (h1h & h3h);
            h1h ^= h5h & h7h;
            h7h ^= ~h3h & h5h;
            h3h ^= h1h & h5h;
            h5h ^= h1h & ~h7h;
            h1h ^= h3h | h7h;
            h7h ^= h3h & h5h;
            h3h ^= tmp & h1h;
            h5h ^= tmp;
            h7l = ~h7l;
            h1l ^= C[c + 7] & ~h5l;
            tmp = C[c + 7] ^ (h1l & h3l);
            h1l ^= h5l & h7l;
            h7l ^= ~h3l & h5l;
            h3l ^= h1l & h5l;
            h5l ^= h1l & ~h7l;
            h1l ^= h3l | h7l;
            h7l ^= h3l & h5l;
            h3l ^= tmp & h1l;
            h5l ^= tmp;
            h1h ^= h2h;
            h3h ^= h4h;
            h5h ^= h6h ^ h0h;
            h7h ^= h0h;
            h0h ^= h3h;
            h2h ^= h5h;
            h4h ^= h7h ^ h1h;
            h6h ^= h1h;
            h1l ^= h2l;
            h3l ^= h4l;
            h5l ^= h6l ^ h0l;
            h7l ^= h0l;
            h0l ^= h3l;
            h2l ^= h5l;
            h4l ^= h7l ^ h1l;
            h6l ^= h1l;
            tmp = (h1h & 0x3333333333333333L) << 2;
            h1h = ((h1h >>> 2) & 0x3333333333333333L) | tmp;
            tmp = (h1l & 0x3333333333333333L) << 2;
            h1l = ((h1l >>> 2) & 0x3333333333333333L) | tmp;
            tmp = (h3h & 0x3333333333333333L) << 2;
            h3h = ((h3h >>> 2) & 0x3333333333333333L) | tmp;
            tmp = (h3l & 0x3333333333333333L) << 2;
            h3l = ((h3l >>> 2) & 0x3333333333333333L) | tmp;
            tmp = (h5h & 0x3333333333333333L) << 2;
            h5h = ((h5h >>> 2) & 0x3333333333333333L) | tmp;
            tmp = (h5l & 0x3333333333333333L) << 2;
            h5l = ((h5l >>> 2) & 0x3333333333333333L) | tmp;
            tmp = (h7h & 0x3333333333333333L) << 2;
            h7h = ((h7h >>> 2) & 0x3333333333333333L) | tmp;
            tmp = (h7l & 0x3333333333333333L) << 2;
            h7l = ((h7l >>> 2) & 0x3333333333333333L) | tmp;
            // round r + 2
            h6h = ~h6h;
            h0h ^= C[c + 8] & ~h4h;
            tmp = C[c + 8] ^ (h0h & h2h);
            h0h ^= h4h & h6h;
            h6h ^= ~h2h & h4h;
            h2h ^= h0h & h4h;
            h4h ^= h0h & ~h6h;
            h0h ^= h2h | h6h;
            h6h ^= h2h & h4h;
            h2h ^= tmp & h0h;
            h4h ^= tmp;
            h6l = ~h6l;
            h0l ^= C[c + 9] & ~h4l;
            tmp = C[c + 9] ^ (h0l & h2l);
            h0l ^= h4l & h6l;
            h6l ^= ~h2l & h4l;
            h2l ^= h0l & h4l;
            h4l ^= h0l & ~h6l;
            h0l ^= h2l | h6l;
            h6l ^= h2l & h4l;
            h2l ^= tmp & h0l;
            h4l ^= tmp;
            h7h = ~h7h;
            h1h ^= C[c + 10] & ~h5h;
            tmp = C[c + 10] ^ (h1h & h3h);
            h1h ^= h5h & h7h;
            h7h ^= ~h3h & h5h;
            h3h ^= h1h & h5h;
            h5h ^= h1h & ~h7h;
            h1h ^= h3h | h7h;
            h7h ^= h3h & h5h;
            h3h ^= tmp & h1h;
            h5h ^= tmp;
            h7l = ~h7l;
            h1l ^= C[c + 11] & ~h5l;
            tmp = C[c + 11] ^ (h1l & h3l);
            h1l ^= h5l & h7l;
            h7l ^= ~h3l & h5l;
            h3l ^= h1l & h5l;
            h5l ^= h1l & ~h7l;
            h1l ^= h3l | h7l;
            h7l ^= h3l & h5l;
            h3l ^= tmp & h1l;
            h5l ^= tmp;
            h1h ^= h2h;
            h3h ^= h4h;
            h5h ^= h6h ^ h0h;
            h7h ^= h0h;
            h0h ^= h3h;
            h2h ^= h5h;
            h4h ^= h7h ^ h1h;
            h6h ^= h1h;
            h1l ^= h2l;
            h3l ^= h4l;
            h5l ^= h6l ^ h0l;
            h7l ^= h0l;
            h0l ^= h3l;
            h2l ^= h5l;
            h4l ^= h7l ^ h1l;
            h6l ^= h1l;
            tmp = (h1h & 0x0F0F0F0F0F0F0F0FL) << 4;
            h1h = ((h1h >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            tmp = (h1l & 0x0F0F0F0F0F0F0F0FL) << 4;
            h1l = ((h1l >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            tmp = (h3h & 0x0F0F0F0F0F0F0F0FL) << 4;
            h3h = ((h3h >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            tmp = (h3l & 0x0F0F0F0F0F0F0F0FL) << 4;
            h3l = ((h3l >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            tmp = (h5h & 0x0F0F0F0F0F0F0F0FL) << 4;
            h5h = ((h5h >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            tmp = (h5l & 0x0F0F0F0F0F0F0F0FL) << 4;
            h5l = ((h5l >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            tmp = (h7h & 0x0F0F0F0F0F0F0F0FL) << 4;
            h7h = ((h7h >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            tmp = (h7l & 0x0F0F0F0F0F0F0F0FL) << 4;
            h7l = ((h7l >>> 4) & 0x0F0F0F0F0F0F0F0FL) | tmp;
            // round r + 3
            h6h = ~h6h;
            h0h ^= C[c + 12] & ~h4h;
            tmp = C[c + 12] ^ (h0h & h2h);
            h0h ^= h4h & h6h;
            h6h ^= ~h2h & h4h;
            h2h ^= h0h & h4h;
            h4h ^= h0h & ~h6h;
            h0h ^= h2h | h6h;
            h6h ^= h2h & h4h;
            h2h ^= tmp & h0h;
            h4h ^= tmp;
            h6l = ~h6l;
            h0l ^= C[c + 13] & ~h4l;
            tmp = C[c + 13] ^ (h0l & h2l);
            h0l ^= h4l & h6l;
            h6l ^= ~h2l & h4l;
            h2l ^= h0l & h4l;
            h4l ^= h0l & ~h6l;
            h0l ^= h2l | h6l;
            h6l ^= h2l & h4l;
            h2l ^= tmp & h0l;
            h4l ^= tmp;
            h7h = ~h7h;
            h1h ^= C[c + 14] & ~h5h;
            tmp = C[c + 14] ^ (h1h & h3h);
            h1h ^= h5h & h7h;
            h7h ^= ~h3h & h5h;
            h3h ^= h1h & h5h;
            h5h ^= h1h & ~h7h;
            h1h ^= h3h | h7h;
            h7h ^= h3h & h5h;
            h3h ^= tmp & h1h;
            h5h ^= tmp;
            h7l = ~h7l;
            h1l ^= C[c + 15] & ~h5l;
            tmp = C[c + 15] ^ (h1l & h3l);
            h1l ^= h5l & h7l;
            h7l ^= ~h3l & h5l;
            h3l ^= h1l & h5l;
            h5l ^= h1l & ~h7l;
            h1l ^= h3l | h7l;
            h7l ^= h3l & h5l;
            h3l ^= tmp & h1l;
            h5l ^= tmp;
            h1h ^= h2h;
            h3h ^= h4h;
            h5h ^= h6h ^ h0h;
            h7h ^= h0h;
            h0h ^= h3h;
            h2h ^= h5h;
            h4h ^= h7h ^ h1h;
            h6h ^= h1h;
            h1l ^= h2l;
            h3l ^= h4l;
            h5l ^= h6l ^ h0l;
            h7l ^= h0l;
            h0l ^= h3l;
            h2l ^= h5l;
            h4l ^= h7l ^ h1l;
            h6l ^= h1l;
            tmp = (h1h & 0x00FF00FF00FF00FFL) << 8;
            h1h = ((h1h >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            tmp = (h1l & 0x00FF00FF00FF00FFL) << 8;
            h1l = ((h1l >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            tmp = (h3h & 0x00FF00FF00FF00FFL) << 8;
            h3h = ((h3h >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            tmp = (h3l & 0x00FF00FF00FF00FFL) << 8;
            h3l = ((h3l >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            tmp = (h5h & 0x00FF00FF00FF00FFL) << 8;
            h5h = ((h5h >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            tmp = (h5l & 0x00FF00FF00FF00FFL) << 8;
            h5l = ((h5l >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            tmp = (h7h & 0x00FF00FF00FF00FFL) << 8;
            h7h = ((h7h >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            tmp = (h7l & 0x00FF00FF00FF00FFL) << 8;
            h7l = ((h7l >>> 8) & 0x00FF00FF00FF00FFL) | tmp;
            // round r + 4
            h6h = ~h6h;
            h0h ^= C[c + 16] & ~h4h;
            tmp = C[c + 16] ^ (h0h & h2h);
            h0h ^= h4h & h6h;
            h6h ^= ~h2h & h4h;
            h2h ^= h0h & h4h;
            h4h ^= h0h & ~h6h;
            h0h ^= h2h | h6h;
            h6h ^= h2h & h4h;
            h2h ^= tmp & h0h;
            h4h ^= tmp;
            h6l = ~h6l;
            h0l ^= C[c + 17] & ~h4l;
            tmp = C[c + 17] ^ (h0l & h2l);
            h0l ^= h4l & h6l;
            h6l ^= ~h2l & h4l;
            h2l ^= h0l & h4l;
            h4l ^= h0l & ~h6l;
            h0l ^= h2l | h6l;
            h6l ^= h2l & h4l;
            h2l ^= tmp & h0l;
            h4l ^= tmp;
            h7h = ~h7h;
            h1h ^= C[c + 18] & ~h5h;
            tmp = C[c + 18] ^ (h1h & h3h);
            h1h ^= h5h & h7h;
            h7h ^= ~h3h & h5h;
            h3h ^= h1h & h5h;
            h5h ^= h1h & ~h7h;
            h1h ^= h3h | h7h;
            h7h ^= h3h & h5h;
            h3h ^= tmp & h1h;
            h5h ^= tmp;
            h7l = ~h7l;
            h1l ^= C[c + 19] & ~h5l;
            tmp = C[c + 19] ^ (h1l & h3l);
            h1l ^= h5l & h7l;
            h7l ^= ~h3l & h5l;
            h3l ^= h1l & h5l;
            h5l ^= h1l & ~h7l;
            h1l ^= h3l | h7l;
            h7l ^= h3l & h5l;
            h3l ^= tmp & h1l;
            h5l ^= tmp;
            h1h ^= h2h;
            h3h ^= h4h;
            h5h ^= h6h ^ h0h;
            h7h ^= h0h;
            h0h ^= h3h;
            h2h ^= h5h;
            h4h ^= h7h ^ h1h;
            h6h ^= h1h;
            h1l ^= h2l;
            h3l ^= h4l;
            h5l ^= h6l ^ h0l;
            h7l ^= h0l;
            h0l ^= h3l;
            h2l ^= h5l;
            h4l ^= h7l ^ h1l;
            h6l ^= h1l;
            tmp = (h1h & 0x0000FFFF0000FFFFL) << 16;
            h1h = ((h1h >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            tmp = (h1l & 0x0000FFFF0000FFFFL) << 16;
            h1l = ((h1l >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            tmp = (h3h & 0x0000FFFF0000FFFFL) << 16;
            h3h = ((h3h >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            tmp = (h3l & 0x0000FFFF0000FFFFL) << 16;
            h3l = ((h3l >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            tmp = (h5h & 0x0000FFFF0000FFFFL) << 16;
            h5h = ((h5h >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            tmp = (h5l & 0x0000FFFF0000FFFFL) << 16;
            h5l = ((h5l >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            tmp = (h7h & 0x0000FFFF0000FFFFL) << 16;
            h7h = ((h7h >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            tmp = (h7l & 0x0000FFFF0000FFFFL) << 16;
            h7l = ((h7l >>> 16) & 0x0000FFFF0000FFFFL) | tmp;
            // round r + 5
            h6h = ~h6h;
            h0h ^= C[c + 20] & ~h4h;
            tmp = C[c + 20] ^ (h0h & h2h);
            h0h ^= h4h & h6h;
            h6h ^= ~h2h & h4h;
            h2h ^= h0h & h4h;
            h4h ^= h0h & ~h6h;
            h0h ^= h2h | h6h;
            h6h ^= h2h & h4h;
            h2h ^= tmp & h0h;
            h4h ^= tmp;
            h6l = ~h6l;
            h0l ^= C[c + 21] & ~h4l;
            tmp = C[c + 21] ^ (h0l & h2l);
            h0l ^= h4l & h6l;
            h6l ^= ~h2l & h4l;
            h2l ^= h0l & h4l;
            h4l ^= h0l & ~h6l;
            h0l ^= h2l | h6l;
            h6l ^= h2l & h4l;
            h2l ^= tmp & h0l;
            h4l ^= tmp;
            h7h = ~h7h;
            h1h ^= C[c + 22] & ~h5h;
            tmp = C[c + 22] ^ (h1h & h3h);
            h1h ^= h5h & h7h;
            h7h ^= ~h3h & h5h;
            h3h ^= h1h & h5h;
            h5h ^= h1h & ~h7h;
            h1h ^= h3h | h7h;
            h7h ^= h3h & h5h;
            h3h ^= tmp & h1h;
            h5h ^= tmp;
            h7l = ~h7l;
            h1l ^= C[c + 23] & ~h5l;
            tmp = C[c + 23] ^ (h1l & h3l);
            h1l ^= h5l & h7l;
            h7l ^= ~h3l & h5l;
            h3l ^= h1l & h5l;
            h5l ^= h1l & ~h7l;
            h1l ^= h3l | h7l;
            h7l ^= h3l & h5l;
            h3l ^= tmp & h1l;
            h5l ^= tmp;
            h1h ^= h2h;
            h3h ^= h4h;
            h5h ^= h6h ^ h0h;
            h7h ^= h0h;
            h0h ^= h3h;
            h2h ^= h5h;
            h4h ^= h7h ^ h1h;
            h6h ^= h1h;
            h1l ^= h2l;
            h3l ^= h4l;
            h5l ^= h6l ^ h0l;
            h7l ^= h0l;
            h0l ^= h3l;
            h2l ^= h5l;
            h4l ^= h7l ^ h1l;
            h6l ^= h1l;
            tmp = (h1h & 0x00000000FFFFFFFFL) << 32;
            h1h = ((h1h >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            tmp = (h1l & 0x00000000FFFFFFFFL) << 32;
            h1l = ((h1l >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            tmp = (h3h & 0x00000000FFFFFFFFL) << 32;
            h3h = ((h3h >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            tmp = (h3l & 0x00000000FFFFFFFFL) << 32;
            h3l = ((h3l >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            tmp = (h5h & 0x00000000FFFFFFFFL) << 32;
            h5h = ((h5h >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            tmp = (h5l & 0x00000000FFFFFFFFL) << 32;
            h5l = ((h5l >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            tmp = (h7h & 0x00000000FFFFFFFFL) << 32;
            h7h = ((h7h >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            tmp = (h7l & 0x00000000FFFFFFFFL) << 32;
            h7l = ((h7l >>> 32) & 0x00000000FFFFFFFFL) | tmp;
            // round r + 6
            h6h = ~h6h;
            h0h ^= C[c + 24] & ~h4h;
            tmp = C[c + 24] ^ (h0h & h2h);
            h0h ^= h4h & h6h;
            h6h ^= ~h2h & h4h;
            h2h ^= h0h & h4h;
            h4h ^= h0h & ~h6h;
            h0h ^= h2h | h6h;
            h6h ^= h2h & h4h;
            h2h ^= tmp & h0h;
            h4h ^= tmp;
            h6l = ~h6l;
            h0l ^= C[c + 25] & ~h4l;
            tmp = C[c + 25] ^ (h0l & h2l);
            h0l ^= h4l & h6l;
            h6l ^= ~h2l & h4l;
            h2l ^= h0l & h4l;
            h4l ^= h0l & ~h6l;
            h0l ^= h2l | h6l;
            h6l ^= h2l & h4l;
            h2l ^= tmp & h0l;
            h4l ^= tmp;
            h7h = ~h7h;
            h1h ^= C[c + 26] & ~h5h;
            tmp = C[c + 26] ^ (h1h & h3h);
            h1h ^= h5h & h7h;
            h7h ^= ~h3h & h5h;
            h3h ^= h1h & h5h;
            h5h ^= h1h & ~h7h;
            h1h ^= h3h | h7h;
            h7h ^= h3h & h5h;
            h3h ^= tmp & h1h;
            h5h ^= tmp;
            h7l = ~h7l;
            h1l ^= C[c + 27] & ~h5l;
            tmp = C[c + 27] ^ (h1l & h3l);
            h1l ^= h5l & h7l;
            h7l ^= ~h3l & h5l;
            h3l ^= h1l & h5l;
            h5l ^= h1l & ~h7l;
            h1l ^= h3l | h7l;
            h7l ^= h3l & h5l;
            h3l ^= tmp & h1l;
            h5l ^= tmp;
            h1h ^= h2h;
            h3h ^= h4h;
            h5h ^= h6h ^ h0h;
            h7h ^= h0h;
            h0h ^= h3h;
            h2h ^= h5h;
            h4h ^= h7h ^ h1h;
            h6h ^= h1h;
            h1l ^= h2l;
            h3l ^= h4l;
            h5l ^= h6l ^ h0l;
            h7l ^= h0l;
            h0l ^= h3l;
            h2l ^= h5l;
            h4l ^= h7l ^ h1l;
            h6l ^= h1l;
            tmp = h1h;
            h1h = h1l;
            h1l = tmp;
            tmp = h3h;
            h3h = h3l;
            h3l = tmp;
            tmp = h5h;
            h5h = h5l;
            h5l = tmp;
            tmp = h7h;
            h7h = h7l;
            h7l = tmp;
        }
        s[0] = h0h;
        s[1] = h0l;
        s[2] = h1h;
        s[3] = h1l;
        s[4] = h2h;
        s[5] = h2l;
        s[6] = h3h;
        s[7] = h3l;
        s[8] = h4h;
        s[9] = h4l;
        s[10] = h5h;
        s[11] = h5l;
        s[12] = h6h;
        s[13] = h6l;
        s[14] = h7h;
        s[15] = h7l;
    }
}
