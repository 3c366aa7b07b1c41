package io.decnet.reconciler.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.jdbi.internal.JdbcTarget;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JdbcTargetPropertiesTest {

    private static Properties propertiesOf(String url) {
        return JdbcTarget.of(url).properties(Duration.ofSeconds(5), false);
    }

    @Test
    void mariaDbAndMySqlConnectionsCountAffectedRowsSoALostInsertRaceIsAConflict() {
        assertThat(propertiesOf("jdbc:mariadb://db:3306/decnet?user=u&password=p"))
                .containsEntry("useAffectedRows", "true");
        assertThat(propertiesOf("jdbc:mysql://db:3306/decnet")).containsEntry("useAffectedRows", "true");
    }

    @Test
    void aUrlThatSetsTheCountingModeItselfIsLeftAsItIs() {
        assertThat(propertiesOf("jdbc:mariadb://db:3306/decnet?useAffectedRows=false"))
                .doesNotContainKey("useAffectedRows");
    }

    @Test
    void sqliteGetsABusyTimeoutAndImmediateTransactionsAndNoNetworkTimeouts() {
        assertThat(propertiesOf("jdbc:sqlite:decnet.db"))
                .containsEntry("busy_timeout", "5000").containsEntry("transaction_mode", "IMMEDIATE")
                .doesNotContainKeys("socketTimeout", "connectTimeout");
    }

    @Test
    void networkDatabasesGetConnectAndAnswerTimeoutsInEachDriversUnit() {
        assertThat(propertiesOf("jdbc:postgresql://db/decnet")).containsOnly(
                java.util.Map.entry("connectTimeout", "10"), java.util.Map.entry("loginTimeout", "10"),
                java.util.Map.entry("socketTimeout", "30"));
        assertThat(propertiesOf("jdbc:mariadb://db/decnet")).containsEntry("connectTimeout", "10000")
                .containsEntry("socketTimeout", "30000");
        assertThat(propertiesOf("jdbc:mysql://db/decnet")).containsEntry("connectTimeout", "10000")
                .containsEntry("socketTimeout", "30000");
    }

    @Test
    void aTimeoutTheUrlSetsIsLeftToTheUrl() {
        assertThat(propertiesOf("jdbc:postgresql://db/decnet?user=u&SocketTimeout=3"))
                .doesNotContainKey("socketTimeout").containsEntry("connectTimeout", "10");
        assertThat(propertiesOf("jdbc:mariadb://db/decnet?connectTimeout=500&socketTimeout=0"))
                .doesNotContainKeys("connectTimeout", "socketTimeout");
    }

    @Test
    void aReadOnlySqliteConnectionOpensWithTheReadOnlyFlagAndNoCreateFlagAndDeferredTransactions() {
        Properties p = JdbcTarget.of("jdbc:sqlite:decnet.db").properties(Duration.ofSeconds(5), true);
        assertThat(p).containsEntry("open_mode", "1").containsEntry("busy_timeout", "5000")
                .doesNotContainKey("transaction_mode");
        assertThat(propertiesOf("jdbc:sqlite:decnet.db")).doesNotContainKey("open_mode");
    }
}
