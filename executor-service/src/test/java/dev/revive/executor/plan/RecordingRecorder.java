package dev.revive.executor.plan;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps the step events; can be told to fail on a chosen event. */
final class RecordingRecorder implements StepRecorder {

    final List<StepEvent> events = new ArrayList<>();
    private Predicate<StepEvent> failOn = event -> false;

    void failOn(Predicate<StepEvent> condition) {
        this.failOn = condition;
    }

    @Override
    public void record(StepEvent event) {
        if (failOn.test(event)) {
            throw new IllegalStateException("broker unavailable");
        }
        events.add(event);
    }

    /** {@code stepId:attempt:STATUS} per event, in order. */
    List<String> trail() {
        return events.stream().map(event -> event.stepId() + ":" + event.attempt() + ":" + event.status()).toList();
    }

    List<String> terminal() {
        return events.stream().filter(event -> event.status() != StepStatus.STARTED)
                .map(event -> event.stepId() + ":" + event.status()).toList();
    }
}
