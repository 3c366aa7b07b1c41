package io.decnet.reconciler.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonDumpsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            spacing                    | {"a":1,"b":[1,2.5,null,true]}   | {"a": 1, "b": [1, 2.5, null, true]}   | true
            empty containers           | {"a":{},"b":[]}                 | {"a": {}, "b": []}                    | true
            non-ASCII escaped          | {"h":"é😀"}                      | {"h": "\\u00e9\\ud83d\\ude00"}         | true
            control short and long     | {"s":"a\\nb\\u0001"}            | {"s": "a\\nb\\u0001"}                  | true
            DEL escaped                | {"s":"\u007f"}                  | {"s": "\\u007f"}                       | true
            slash not escaped          | {"s":"a\\/b"}                   | {"s": "a/b"}                           | true
            upper-case hex differs     | {"h":"é"}                       | {"h": "\\u00E9"}                       | false
            raw non-ASCII differs      | {"h":"é"}                       | {"h": "é"}                             | false
            compact row differs        | {"a":1}                         | {"a":1}                                | false
            another key order          | {"a":1,"b":2}                   | {"b": 2, "a": 1}                       | false
            another number form        | {"t":0.00001}                   | {"t": 1e-05}                           | false
            NaN left to the values     | {"t":NaN}                       | {"t": NaN}                             | false
            a cut row                  | {"a":1,"b":2}                   | {"a": 1, "b":                          | false
            more after the row         | {"a":1}                         | {"a": 1} {}                            | false
            file not JSON              | {"a":01}                        | {"a": 01}                              | false
            file with spaces           | {"a": 1}                        | {"a":  1}                              | false
            half a surrogate pair      | {"h":"\\ud83d"}                | {"h": "\\ud83d"}                      | false
            """)
    void matchesOnlyPythonsOwnRenderingOfTheSameValue(String label, String json, String text, boolean matches) {
        assertThat(PythonDumps.isDumpsOf(json, text)).isEqualTo(matches);
    }
}
