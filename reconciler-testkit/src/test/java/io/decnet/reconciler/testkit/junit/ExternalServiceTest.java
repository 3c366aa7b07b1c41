package io.decnet.reconciler.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalServiceTest {
    private static final String HOW = "scripts/services/databases.sh start";

    @Test
    void aSetVariableIsReturned() {
        assertThat(ExternalService.requireEnv("FLEET_IT_X", HOW, Map.of("FLEET_IT_X", "jdbc:x", "CI", "true")::get))
                .isEqualTo("jdbc:x");
    }

    @Test
    void aMissingVariableOutsideCiAbortsTheTestSayingHowToStartTheService() {
        assertThatThrownBy(() -> ExternalService.requireEnv("FLEET_IT_X", HOW, Map.<String, String>of()::get))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("FLEET_IT_X")
                .hasMessageContaining(HOW);
    }

    @Test
    void aMissingVariableInCiFailsTheTestSayingHowToStartTheService() {
        assertThatThrownBy(() -> ExternalService.requireEnv("FLEET_IT_X", HOW, Map.of("CI", "true")::get))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessageContaining("FLEET_IT_X")
                .hasMessageContaining(HOW)
                .hasMessageContaining("CI=true");
    }

    @Test
    void aBlankVariableCountsAsMissing() {
        assertThatThrownBy(() -> ExternalService.requireEnv("FLEET_IT_X", HOW,
                Map.of("FLEET_IT_X", "  ", "CI", "TRUE")::get))
                .isExactlyInstanceOf(AssertionError.class);
    }

    @Test
    void ciSetToAnythingButTrueStillSkips() {
        assertThatThrownBy(() -> ExternalService.requireEnv("FLEET_IT_X", HOW, Map.of("CI", "false")::get))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aBlankVariableNameIsRejected() {
        assertThatThrownBy(() -> ExternalService.requireEnv(" ", HOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("environment variable");
    }
}
