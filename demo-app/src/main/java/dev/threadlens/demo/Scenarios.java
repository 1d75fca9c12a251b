package dev.threadlens.demo;

import java.util.List;
import java.util.Optional;

import dev.threadlens.demo.scenarios.AtomicScenario;
import dev.threadlens.demo.scenarios.ConditionScenario;
import dev.threadlens.demo.scenarios.CooperativeScenario;
import dev.threadlens.demo.scenarios.DaemonScenario;
import dev.threadlens.demo.scenarios.DeadlockScenario;
import dev.threadlens.demo.scenarios.DiningPhilosophersScenario;
import dev.threadlens.demo.scenarios.EventScenario;
import dev.threadlens.demo.scenarios.ExecutorScenario;
import dev.threadlens.demo.scenarios.GlobalLockScenario;
import dev.threadlens.demo.scenarios.LifecycleScenario;
import dev.threadlens.demo.scenarios.LockScenario;
import dev.threadlens.demo.scenarios.MediaPlayerScenario;
import dev.threadlens.demo.scenarios.ProcessesScenario;
import dev.threadlens.demo.scenarios.QueueScenario;
import dev.threadlens.demo.scenarios.RaceScenario;
import dev.threadlens.demo.scenarios.SemaphoreScenario;
import dev.threadlens.demo.scenarios.ThreadLocalScenario;
import dev.threadlens.demo.scenarios.ThreadsBasicsScenario;
import dev.threadlens.demo.scenarios.TimeSlicingScenario;

/** Every scenario, in the order of the teaching material (and of {@code list} and {@code all}). */
public final class Scenarios {

    private final List<Scenario> all = List.of(
            new ThreadsBasicsScenario(),
            new LifecycleScenario(),
            new DaemonScenario(),
            new RaceScenario(),
            new LockScenario(),
            new SemaphoreScenario(),
            new EventScenario(),
            new ConditionScenario(),
            new QueueScenario(),
            new ThreadLocalScenario(),
            new ExecutorScenario(),
            new ProcessesScenario(),
            new DiningPhilosophersScenario(),
            new DeadlockScenario(),
            new GlobalLockScenario(),
            new TimeSlicingScenario(),
            new AtomicScenario(),
            new CooperativeScenario(),
            new MediaPlayerScenario());

    public List<Scenario> all() {
        return all;
    }

    public Optional<Scenario> find(String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
