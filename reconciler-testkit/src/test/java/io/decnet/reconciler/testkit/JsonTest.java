package io.decnet.reconciler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "null", "true", "-0.5e+3", "\"a\\u00e9\\n\"", " {\"a\":[1,{\"b\":null}]} ",
        "[\"x\",false,0,12.25E-1]", "1e400"})
    void validJsonHasNoProblem(String text) {
        assertThat(Json.problem(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "[0.0,NaN,-Infinity]", "{\"last_mutated\":NaN}"})
    void nanAndInfinityAreAcceptedBareAsPythonWritesThemAndTheStateFileReaderReadsThem(String text) {
        assertThat(Json.problem(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1,}", "[1,]", "{a:1}", "'x'", "01", "1.", "tru", "\"\\x\"",
        "\"unterminated", "{} {}", "\"tab\there\"", "[1 2]", "nan", "/* comment */ 1", "// comment\n1",
        "{\"a\":1,\"a\":2}", "[{\"b\":{\"c\":1,\"c\":1}}]", "\ufeff1"})
    void invalidJsonIsReportedWithWhereItWentWrong(String text) {
        assertThat(Json.problem(text)).isNotNull().contains("line 1, column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n "})
    void emptyTextIsNotAJsonValue(String text) {
        assertThat(Json.problem(text)).isEqualTo("no JSON value: the text is empty");
    }

    @Test
    void plainDataIsWrittenAsCompactJsonKeepingMapOrderAndUnicode() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", List.of(1, 2L, new BigDecimal("0.10"), 1.5f, 0.0));
        map.put("a", Arrays.asList(null, true, "q\"\\\u0001ü"));

        assertThat(Json.write(map)).isEqualTo("{\"z\":[1,2,0.10,1.5,0.0],\"a\":[null,true,\"q\\\"\\\\\\u0001ü\"]}");
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(" ")).isEqualTo("\" \"");
    }

    @Test
    void anythingButPlainDataIsRefusedNamingWhatWasGiven() {
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON object keys must be strings, got 1");
        assertThatThrownBy(() -> Json.write(List.of(new StringBuilder("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.StringBuilder");
        assertThatThrownBy(() -> Json.write(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Infinity").hasMessageContaining("rawField");
    }
}
