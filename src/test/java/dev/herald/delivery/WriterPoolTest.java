package dev.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WriterPoolTest {

    @Test
    void aStuckWriteGetsAThreadBesideItAndTheExtraThreadGoesAfterwards() throws InterruptedException {
        WriterPool pool = new WriterPool(1, 3, 50, Executors.defaultThreadFactory());
        try {
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch otherWritten = new CountDownLatch(1);
            pool.execute(() -> awaitQuietly(stuck));
            pool.execute(otherWritten::countDown);

            pool.rebalance(); // not stuck yet: the other write waits behind it
            assertFalse(otherWritten.await(150, TimeUnit.MILLISECONDS));

            pool.rebalance(); // stuck for more than 50 ms now
            assertTrue(otherWritten.await(2, TimeUnit.SECONDS), "a second thread wrote beside the stuck one");
            assertEquals(2, pool.getCorePoolSize());

            stuck.countDown();
            Thread.sleep(50);
            pool.rebalance();
            assertEquals(1, pool.getCorePoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neverMoreThanTheLimit() throws InterruptedException {
        WriterPool pool = new WriterPool(1, 2, 10, Executors.defaultThreadFactory());
        CountDownLatch stuck = new CountDownLatch(1);
        try {
            for (int i = 0; i < 5; i++) {
                pool.execute(() -> awaitQuietly(stuck));
            }
            for (int i = 0; i < 5; i++) {
                Thread.sleep(30);
                pool.rebalance();
            }
            assertEquals(2, pool.getCorePoolSize());
            assertEquals(2, pool.getPoolSize());
        } finally {
            stuck.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aStuckWriteHoldsOnlyItsRunnerTheOthersTakeTheWritesQueuedBehindIt() throws InterruptedException {
        WriterPool pool = new WriterPool(2, 2, 10_000, Executors.defaultThreadFactory());
        CountDownLatch stuck = new CountDownLatch(1);
        try {
            CountDownLatch written = new CountDownLatch(100);
            pool.execute(() -> awaitQuietly(stuck));
            for (int i = 0; i < 100; i++) {
                pool.execute(written::countDown);
            }
            assertTrue(written.await(2, TimeUnit.SECONDS), "written beside the stuck one, without a rebalance");
        } finally {
            stuck.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void everyWriteQueuedFromManyThreadsRunsOnceAndNoneIsLeftWaiting() throws Exception {
        WriterPool pool = new WriterPool(2, 2, 10_000, Executors.defaultThreadFactory());
        int producers = 8;
        int each = 20_000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(producers * each);
        ExecutorService publishers = Executors.newFixedThreadPool(producers);
        try {
            for (int p = 0; p < producers; p++) {
                publishers.execute(() -> {
                    for (int i = 0; i < each; i++) {
                        pool.execute(() -> {
                            ran.incrementAndGet();
                            all.countDown();
                        });
                    }
                });
            }
            assertTrue(all.await(20, TimeUnit.SECONDS), "left waiting: " + all.getCount());
            Thread.sleep(50);
            assertEquals(producers * each, ran.get());
        } finally {
            publishers.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void aStoppedPoolRefusesWrites() {
        WriterPool pool = new WriterPool(1, 1, 10, Executors.defaultThreadFactory());
        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
