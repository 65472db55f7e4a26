package dev.parley.chat.room.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsAcceptedThenFramesAreRefusedThenTheFlooderIsClosed() {
        InboundBudget budget = new InboundBudget(10, 5, 0);
        Map<InboundBudget.Verdict, Integer> seen = new EnumMap<>(InboundBudget.Verdict.class);
        InboundBudget.Verdict last = null;
        for (int i = 0; i < 20; i++) {
            last = budget.take(0);
            seen.merge(last, 1, Integer::sum);
        }
        assertThat(seen.get(InboundBudget.Verdict.ACCEPT)).isEqualTo(5);
        assertThat(seen.get(InboundBudget.Verdict.REFUSE)).isEqualTo(5);
        assertThat(last).isEqualTo(InboundBudget.Verdict.CLOSE);
    }

    @Test
    void aClientAtTheAllowedRateIsNeverRefused() {
        InboundBudget budget = new InboundBudget(10, 5, 0);
        for (int i = 1; i <= 1000; i++) {
            assertThat(budget.take(i * SECOND / 10)).isEqualTo(InboundBudget.Verdict.ACCEPT);
        }
    }

    @Test
    void aClientThatPausesAfterBeingRefusedGetsItsAllowanceBack() {
        InboundBudget budget = new InboundBudget(10, 5, 0);
        for (int i = 0; i < 8; i++) {
            budget.take(0);
        }
        assertThat(budget.take(0)).isEqualTo(InboundBudget.Verdict.REFUSE);
        assertThat(budget.take(SECOND)).isEqualTo(InboundBudget.Verdict.ACCEPT);
    }
}
