package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.CopyNotVerifiedException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.secrets.CopyVerification;

/** verify-copy's door: a failed verification is the typed error the state machine's Catch sends to recovery. */
class VerifyCopyTest {

    private final CopyVerification verification = mock(CopyVerification.class);
    private final StepInput in = new StepInput(io.dbrefresh.testing.Plans.plan("prod", "dev", null, null, null), java.util.Map.of(), null, null, null, null);

    @Test
    void failedVerification_throwsCopyNotVerified_withEveryReason() {
        when(verification.verify(in)).thenReturn(Observation.failed("the copy may not take the target's name: not ready: x is deleting"));

        assertThatThrownBy(() -> new VerifyCopy(verification).handle(in)).isInstanceOf(CopyNotVerifiedException.class)
                .hasMessage("the copy may not take the target's name: not ready: x is deleting");
    }

    @Test
    void verifiedCopy_returnsWhatWasVerified() {
        when(verification.verify(in)).thenReturn(Observation.done("verified before the swap: x is available"));

        VerifyCopy.Verified r = new VerifyCopy(verification).handle(in);

        assertThat(r.status()).isEqualTo("VERIFIED");
        assertThat(r.message()).isEqualTo("verified before the swap: x is available");
    }
}
