package dev.threadlens.demo.scenarios;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Why programs have threads at all: a media player does three things at once. One thread plays
 * the current song, one preloads the next so there is no gap between songs, and one answers the
 * user's clicks at once, even while the other two are busy.
 */
public final class MediaPlayerScenario implements Scenario {

    private static final List<String> PLAYLIST = List.of("Morning Fog", "Cable Car", "Night Bus", "Tidal",
            "Paper Moon");
    private static final long TICK_MILLIS = 100;
    private static final int SONG_TICKS = 15;
    private static final int LOAD_CHUNKS = 8;
    private static final List<String> USER_CLICKS = List.of("pause", "resume", "volume up", "next");

    @Override
    public String name() {
        return "media-player";
    }

    @Override
    public String summary() {
        return "the three-thread media player: playing, preloading the next song, answering clicks";
    }

    @Override
    public void run(Run run) throws Exception {
        run.title("a media player: three threads, three jobs");
        run.concept("Threads let one program do several things at once: play, prepare what comes next, and stay "
                + "responsive to the user, each in its own thread.");
        run.happens("'player' plays songs tick by tick, 'preloader' loads the next song meanwhile (handing it over "
                + "through a queue of one), 'ui' answers clicks (pause, resume, volume, next) from a simulated user.");
        run.watch("jvm_thread_count{jvm_thread_state=...}", "player mostly timed_waiting (the ticks), preloader "
                + "waiting to hand over its song, ui waiting for clicks", Panel.THREADS);
        run.watch("jvm_sync_wait_seconds{jvm_sync_type=\"condition\"}", "the player paused, and the handovers",
                Panel.LOCKS);

        Controls controls = new Controls();
        BlockingQueue<String> nextSong = new ArrayBlockingQueue<>(1);
        BlockingQueue<String> clicks = new LinkedBlockingQueue<>();
        AtomicInteger played = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger preloaded = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();

        Thread player = Workers.start("player", () -> {
            while (true) {
                String song = nextSong.take();
                run.say("player: now playing '%s' (it was preloaded: no gap)", song);
                boolean skip = false;
                for (int tick = 0; tick < SONG_TICKS && !skip; tick++) {
                    controls.awaitPlaying();
                    skip = controls.takeSkip();
                    if (!skip) {
                        Thread.sleep(TICK_MILLIS); // a tenth of a second of music
                    }
                }
                (skip ? skipped : played).incrementAndGet();
            }
        });
        Thread preloader = Workers.start("preloader", () -> {
            for (int i = 0;; i++) {
                String song = PLAYLIST.get(i % PLAYLIST.size());
                for (int chunk = 0; chunk < LOAD_CHUNKS; chunk++) {
                    Thread.sleep(TICK_MILLIS / 2); // downloading
                    Workers.crunch(chunk, 50_000); // decoding
                }
                nextSong.put(song); // waits until the player has taken the previous one
                preloaded.incrementAndGet();
            }
        });
        Thread ui = Workers.start("ui", () -> {
            while (true) {
                String click = clicks.take();
                long start = System.nanoTime();
                switch (click) {
                    case "quit":
                        return;
                    case "pause":
                        controls.pause();
                        break;
                    case "resume":
                        controls.resume();
                        break;
                    case "next":
                        controls.skip();
                        break;
                    default:
                        controls.louder();
                        break;
                }
                answered.incrementAndGet();
                run.say("ui: '%s' answered in %.2f ms (volume %d)", click, (System.nanoTime() - start) / 1e6,
                        controls.volume());
            }
        });

        int sent = 0;
        while (!run.deadline().passed()) {
            run.deadline().sleepAtMost(700);
            clicks.put(USER_CLICKS.get(sent % USER_CLICKS.size())); // the user, clicking now and then
            sent++;
        }
        clicks.put("quit");
        ui.join(); // every click before "quit" has been answered
        controls.resume();
        player.interrupt();
        preloader.interrupt();
        player.join();
        preloader.join();
        run.result("played %d songs to the end and skipped %d, preloaded %d, answered %d of %d clicks; three threads, "
                + "one job each", played.get(), skipped.get(), preloaded.get(), answered.get(), sent);
    }

    /** What the ui changes and the player obeys: paused or not, skip requested, volume. */
    static final class Controls {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition resumed = lock.newCondition();
        private boolean paused;
        private boolean skip;
        private int volume = 50;

        void pause() {
            lock.lock();
            try {
                paused = true;
            } finally {
                lock.unlock();
            }
        }

        void resume() {
            lock.lock();
            try {
                paused = false;
                resumed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void skip() {
            lock.lock();
            try {
                skip = true;
                paused = false;
                resumed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void louder() {
            lock.lock();
            try {
                volume = Math.min(100, volume + 10);
            } finally {
                lock.unlock();
            }
        }

        int volume() {
            lock.lock();
            try {
                return volume;
            } finally {
                lock.unlock();
            }
        }

        /** Waits while paused (a user can pause for as long as they like, so a plain await). */
        void awaitPlaying() throws InterruptedException {
            lock.lock();
            try {
                while (paused) {
                    resumed.await();
                }
            } finally {
                lock.unlock();
            }
        }

        /** True once per "next" click. */
        boolean takeSkip() {
            lock.lock();
            try {
                boolean s = skip;
                skip = false;
                return s;
            } finally {
                lock.unlock();
            }
        }
    }
}
