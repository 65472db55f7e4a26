package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TurnHoldTest {

    private final GenerationSlots slots = new GenerationSlots(1);
    private final AtomicInteger roomsLeft = new AtomicInteger();
    private final List<Long> settlements = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aTurnThatEndsBeforeItsReplyStartedSpendsNothingAndGivesEverythingBack() throws Exception {
        TurnHold hold = heldTurn();

        hold.close();

        assertThat(settlements).containsExactly(0L);
        assertThat(slots.free()).isEqualTo(1);
        assertThat(roomsLeft).hasValue(1);
        assertThat(hold.released()).isTrue();
    }

    @Test
    void aStartedReplyThatNeverSaidWhatItCostKeepsItsWholeEstimateAsSpent() throws Exception {
        TurnHold hold = heldTurn();
        hold.started();

        hold.close();

        assertThat(settlements).containsExactly(120L);
    }

    @Test
    void whatAReplySpentIsSettledAtOnceAndNotAgainWhenTheTurnEnds() throws Exception {
        TurnHold hold = heldTurn();
        hold.started();

        hold.spent(54);
        assertThat(settlements).containsExactly(54L);
        assertThat(slots.free()).isZero(); // still generating until the turn ends

        hold.close();
        assertThat(settlements).containsExactly(54L);
        assertThat(slots.free()).isEqualTo(1);
    }

    @Test
    void closedFromTwoThreadsAtOnceItGivesBackOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            GenerationSlots two = new GenerationSlots(2);
            TurnHold hold = new TurnHold(roomsLeft::incrementAndGet);
            hold.reserved(10, settlements::add);
            hold.slot(two.take());
            hold.started();
            CountDownLatch go = new CountDownLatch(1);
            Runnable closer = () -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                hold.close();
            };
            Thread stream = new Thread(closer);
            Thread timeout = new Thread(closer);
            stream.start();
            timeout.start();
            go.countDown();
            stream.join();
            timeout.join();
            assertThat(two.free()).isEqualTo(2);
        }
        assertThat(roomsLeft).hasValue(200);
        assertThat(settlements).hasSize(200).containsOnly(10L);
    }

    @Test
    void theRoomsNextTurnGoesEvenWhenSettlingFails() throws Exception {
        TurnHold hold = new TurnHold(roomsLeft::incrementAndGet);
        hold.reserved(120, spent -> {
            throw new IllegalStateException("the database is gone");
        });
        hold.slot(slots.take());

        assertThatThrownBy(hold::close).isInstanceOf(IllegalStateException.class);

        assertThat(slots.free()).isEqualTo(1);
        assertThat(roomsLeft).hasValue(1);
    }

    @Test
    void aTurnWithoutBudgetsOrSlotStillLetsTheRoomGoOn() {
        TurnHold hold = new TurnHold(roomsLeft::incrementAndGet);

        hold.spent(30); // no reservation: nothing to settle
        hold.close();

        assertThat(settlements).isEmpty();
        assertThat(roomsLeft).hasValue(1);
    }

    /** A turn that reserved 120 tokens and took the only generation slot. */
    private TurnHold heldTurn() throws InterruptedException {
        TurnHold hold = new TurnHold(roomsLeft::incrementAndGet);
        hold.reserved(120, settlements::add);
        hold.slot(slots.take());
        return hold;
    }
}
