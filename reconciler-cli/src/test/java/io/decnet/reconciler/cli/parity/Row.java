package io.decnet.reconciler.cli.parity;

/** One row of {@code fleet_deckies}, every column as the text SQLite holds (null for NULL). */
record Row(String hostUuid, String name, String services, String deckyConfig, String deckyIp, String state,
        String lastError, String composeHash, String lastSeen, String updatedAt) {

    Key key() {
        return new Key(hostUuid, name);
    }

    /** The primary key. */
    record Key(String hostUuid, String name) {
        @Override
        public String toString() {
            return "(" + Show.text(hostUuid) + ", " + Show.text(name) + ")";
        }
    }

    @Override
    public String toString() {
        return key() + " state=" + Show.text(state) + " services=" + Show.text(services) + " ip="
                + Show.text(deckyIp) + " config=" + Show.text(deckyConfig) + " last_error=" + Show.text(lastError)
                + " compose_hash=" + Show.text(composeHash) + " last_seen=" + Show.text(lastSeen) + " updated_at="
                + Show.text(updatedAt);
    }
}
