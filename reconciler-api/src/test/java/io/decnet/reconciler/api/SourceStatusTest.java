package io.decnet.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.decnet.reconciler.api.SourceStatus.Availability;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceStatusTest {

    @Test
    void eachKindOfInputSaysItsAvailabilityAndOnlyUsableAndAbsentAreReliedOn() {
        SourceStatus present = SourceStatus.of(DesiredFleet.present(List.of()));
        SourceStatus absent = SourceStatus.of(DesiredFleet.absent("/var/lib/decnet/decnet-state.json"));
        SourceStatus unreadable = SourceStatus.of(DesiredFleet.unreadable("truncated"));
        SourceStatus unreachable = SourceStatus.of(RuntimeObservation.unreachable("connection refused"));

        assertThat(present.availability()).isEqualTo(Availability.USABLE);
        assertThat(absent.availability()).isEqualTo(Availability.ABSENT);
        assertThat(unreadable.availability()).isEqualTo(Availability.UNUSABLE);
        assertThat(unreachable.availability()).isEqualTo(Availability.UNUSABLE);
        assertThat(SourceStatus.notRead().availability()).isEqualTo(Availability.NOT_READ);
        assertThat(List.of(present, absent)).allMatch(SourceStatus::usable).allMatch(SourceStatus::wasRead);
        assertThat(List.of(unreadable, unreachable, SourceStatus.notRead())).noneMatch(SourceStatus::usable);
        assertThat(SourceStatus.notRead().wasRead()).isFalse();
        assertThat(absent.summary()).isEqualTo("absent (empty fleet): /var/lib/decnet/decnet-state.json");
    }

    @Test
    void theBooleanConstructorOfEarlierReleasesMapsToUsableOrUnusable() {
        assertThat(new SourceStatus(true, "x").availability()).isEqualTo(Availability.USABLE);
        assertThat(new SourceStatus(false, "x").availability()).isEqualTo(Availability.UNUSABLE);
    }
}
