package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "null", "true", "-0.5e+3", "\"a\\u00e9\\n\"", " {\"a\":[1,{\"b\":null}]} ",
        "[\"x\",false,0,12.25E-1]"})
    void validJsonHasNoProblem(String text) {
        assertThat(JsonText.problem(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{a:1}", "'x'", "01", "1.", "tru", "\"\\x\"",
        "\"unterminated", "{} {}", "\"tab\there\"", "[1 2]", "NaN"})
    void invalidJsonIsReportedWithAnOffset(String text) {
        assertThat(JsonText.problem(text)).isNotNull().contains("offset");
    }
}
