package io.decnet.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigJsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            same text              | {"name":"a","n":[1,2]}          | {"name":"a","n":[1,2]}                 | true
            python spacing         | {"name": "a", "n": [1, 2]}      | {"name":"a","n":[1,2]}                 | true
            another key order      | {"n": [1, 2], "name": "a"}      | {"name":"a","n":[1,2]}                 | true
            unicode escaped        | {"name": "\\u00e9"}             | {"name":"é"}                           | true
            another value          | {"name": "a", "n": [1, 3]}      | {"name":"a","n":[1,2]}                 | false
            a missing key          | {"name": "a"}                   | {"name":"a","n":[1,2]}                 | false
            a key more             | {"name": "a", "n": [1, 2], "x": null} | {"name":"a","n":[1,2]}           | false
            a number written else  | {"name": "a", "t": 0}           | {"name":"a","t":0.0}                   | false
            a row that is cut      | {"name": "a", "n": [1,          | {"name":"a","n":[1,2]}                 | false
            a row with more after  | {"name":"a","n":[1,2]} {}       | {"name":"a","n":[1,2]}                 | false
            """)
    void comparesConfigsAsJsonValues(String label, String row, String file, boolean same) {
        assertThat(ConfigJson.sameValue(row, file)).isEqualTo(same);
    }

    @Test
    void aNullRowConfigDiffersFromEveryFileConfig() {
        assertThat(ConfigJson.sameValue(null, "{}")).isFalse();
    }
}
