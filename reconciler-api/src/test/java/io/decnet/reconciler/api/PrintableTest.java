package io.decnet.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"decky-01", "web_02.example", "décor-ü", "日本", "a b", "emoji \uD83D\uDE00"})
    void keepsPrintableTextAsItIs(String text) {
        assertThat(Printable.of(text)).isSameAs(text);
    }

    @Test
    void escapesWhatCouldForgeALineOrReorderATerminal() {
        assertThat(Printable.of("evil\nreconcile: inserted=9 deleted=9 state_updated=9"))
                .isEqualTo("evil\\nreconcile: inserted=9 deleted=9 state_updated=9");
        assertThat(Printable.of("a\rb\tc\u0000d\u001be\u007f")).isEqualTo("a\\rb\\tc\\u0000d\\u001be\\u007f");
        assertThat(Printable.of("x\u202ey\u200bz\u2028")).isEqualTo("x\\u202ey\\u200bz\\u2028");
        assertThat(Printable.of("back\\slash")).isEqualTo("back\\\\slash");
        assertThat(Printable.of("lone \uD800 surrogate")).isEqualTo("lone \\ud800 surrogate");
        assertThat(Printable.of("tag \uDB40\uDC01")).isEqualTo("tag \\U000e0001");
    }

    @Test
    void quotesWithItsOwnQuotesEscaped() {
        assertThat(Printable.quoted("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\\n\"");
        assertThat(Printable.of(null)).isEqualTo("null");
    }
}
